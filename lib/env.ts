import "server-only";
import { z } from "zod";

const schema = z.object({
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (npx auth secret makes one)."),
  APP_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: z.string().optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().default("Roster <no-reply@roster.example>"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  /** How many proxies in front of the app append to X-Forwarded-For. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Requests each API key may make per minute, counted across all servers. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
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
  return (parsed = result.data);
}

/** "outbox" keeps mail in the database for the /dev/mailbox page; "resend" sends it. */
export function emailTransport(): "resend" | "outbox" {
  return env().RESEND_API_KEY ? "resend" : "outbox";
}
