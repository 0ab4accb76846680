import "server-only";
import { z } from "zod";
import { allowedDomainsField } from "@/lib/validation/settings";

/** The Mailbox's settings: off, open to requests from this machine only, or to any client. */
const MAILBOX_SETTINGS = ["0", "1", "anywhere"] as const;

const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (npx auth secret makes one)."),
    APP_URL: z.url().default("http://localhost:3000"),
    DATABASE_URL: z.string().optional(),
    /**
     * Set when DATABASE_URL goes through a pooler in transaction mode (PgBouncer): a direct
     * connection to the same database, for migrations (db/client.ts, behindPooler).
     */
    DATABASE_DIRECT_URL: z.string().optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url().optional(),
    EMAIL_FROM: z.string().default("Roster <no-reply@roster.example>"),
    /**
     * The built-in Mailbox (/dev/mailbox), which shows every email Roster keeps when it has
     * no RESEND_API_KEY: "1" opens it to requests from this machine, "anywhere" to every
     * client. On by default only under `npm run dev`; `npm start`'s demo mode sets "1".
     */
    ROSTER_DEV_MAILBOX: z
      .enum(MAILBOX_SETTINGS, { error: `ROSTER_DEV_MAILBOX must be one of ${MAILBOX_SETTINGS.join(", ")}.` })
      .optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
    SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
    /**
     * The platform vendor's email domains: only addresses there may be Experts (SPEC §3).
     * A setting of the deployment, never of an account.
     */
    VENDOR_DOMAINS: allowedDomainsField.default(["tatacommunications.com"]),
    /** How many proxies in front of the app append to X-Forwarded-For. */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Requests each API key may make per minute, counted across all servers. */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
    /** How long a server may take to stop on SIGTERM or SIGINT before it exits regardless. */
    ROSTER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .superRefine((v, ctx) => {
    if (v.DATABASE_DIRECT_URL && !v.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_DIRECT_URL"],
        message:
          "set without DATABASE_URL. DATABASE_DIRECT_URL is the direct connection beside a pooled DATABASE_URL (PgBouncer in transaction mode); without a pooler, set DATABASE_URL alone.",
      });
    }
    // Without a real transport every email, password resets included, waits in the outbox;
    // a production server that showed it to the world would hand out every account.
    if (
      v.NODE_ENV === "production" &&
      !v.RESEND_API_KEY &&
      v.ROSTER_DEV_MAILBOX !== "1" &&
      v.ROSTER_DEV_MAILBOX !== "anywhere"
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["RESEND_API_KEY"],
        message:
          "no email transport. Set RESEND_API_KEY to send email through Resend, or ROSTER_DEV_MAILBOX=1 to keep it in the built-in Mailbox at /dev/mailbox, readable from this machine only (for a demo or development, never for real users).",
      });
    }
  });

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** Validated configuration; the first call fails loudly if a required variable is missing. */
export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Roster cannot start: its configuration is incomplete.\n${problems}`);
  }
  parsed = result.data;
  return parsed;
}

/** "outbox" keeps mail in the database (the Mailbox shows it, when it is on); "resend" sends it. */
export function emailTransport(): "resend" | "outbox" {
  return env().RESEND_API_KEY ? "resend" : "outbox";
}

/**
 * Who may read the Mailbox: nobody while email really goes out or unless someone chose it
 * (ROSTER_DEV_MAILBOX, or `npm run dev`), and then requests from this machine only unless
 * ROSTER_DEV_MAILBOX=anywhere.
 */
export function mailboxAccess(): "off" | "loopback" | "anywhere" {
  const { RESEND_API_KEY, ROSTER_DEV_MAILBOX, NODE_ENV } = env();
  if (RESEND_API_KEY || ROSTER_DEV_MAILBOX === "0") return "off";
  if (ROSTER_DEV_MAILBOX === "anywhere") return "anywhere";
  if (ROSTER_DEV_MAILBOX === "1") return "loopback";
  return NODE_ENV === "production" ? "off" : "loopback";
}
