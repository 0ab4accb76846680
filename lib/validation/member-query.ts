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
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type MemberQuery = MemberView;
