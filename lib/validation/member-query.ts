import { z } from "zod";
import { STATUSES, type MemberFilter, type MemberView } from "@/lib/member-view";
import { ROLES } from "@/lib/permissions";

/** One filter in the URL: `role:is:admin`, `status:not:active`. Anything malformed is dropped. */
const filterField = z.string().transform((raw, ctx): MemberFilter | typeof z.NEVER => {
  const [field, op, value] = raw.split(":");
  const parsed =
    field === "role"
      ? z.object({ field: z.literal("role"), op: z.enum(["is", "not"]), value: z.enum(ROLES) }).safeParse({ field, op, value })
      : z.object({ field: z.literal("status"), op: z.enum(["is", "not"]), value: z.enum(STATUSES) }).safeParse({ field, op, value });
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: "Unknown filter" });
    return z.NEVER;
  }
  return parsed.data;
});

/** A page cursor as the server wrote it (base64url); what it holds is checked where it is read (db/queries/members.ts). */
const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,600}$/).optional().catch(undefined);

/**
 * The Users page's view, read from its URL (shareable, and the back button works): search,
 * filters, sort and page. Bad values fall back to defaults rather than failing the page.
 */
export const memberQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  filter: z
    .preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string()))
    .transform((raw) => raw.slice(0, 10).flatMap((f) => {
      const parsed = filterField.safeParse(f);
      return parsed.success ? [parsed.data] : [];
    }))
    .catch([]),
  sort: z.enum(["name", "status", "last_login"]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  after: cursor,
  before: cursor,
}) satisfies z.ZodType<MemberView>;
