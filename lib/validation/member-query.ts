import { z } from "zod";
import { MEMBER_SORTS, SORT_DIRECTIONS, STATUSES, type MemberFilter, type MemberView } from "@/lib/domain/member-view";
import { decodeCursor } from "@/lib/members/cursor";
import { ROLES } from "@/lib/domain/permissions";
import { isPlainLine, searchParam } from "./text";

/** One filter in the URL: `role:is:admin`, `status:not:active`. Anything malformed is dropped. */
const filterField = z.string().transform((raw, ctx): MemberFilter | typeof z.NEVER => {
  const [field, op, value] = raw.split(":");
  const parsed =
    field === "role"
      ? z
          .object({ field: z.literal("role"), op: z.enum(["is", "not"]), value: z.enum(ROLES) })
          .safeParse({ field, op, value })
      : z
          .object({ field: z.literal("status"), op: z.enum(["is", "not"]), value: z.enum(STATUSES) })
          .safeParse({ field, op, value });
  if (!parsed.success) {
    ctx.addIssue({
      code: "custom",
      message: `Unknown filter "${raw.slice(0, 60)}": use role:is:ROLE, role:not:ROLE, status:is:STATUS or status:not:STATUS.`,
    });
    return z.NEVER;
  }
  return parsed.data;
});

/** A page cursor as the server wrote it (base64url); what it holds is checked against the sort below (lib/members/cursor.ts). */
const cursorField = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,800}$/, "Use the cursor from the previous page.")
  .optional();
const cursor = cursorField.catch(undefined);
const FOREIGN_CURSOR =
  "This cursor is not one Roster gave for this sort and direction: start again from the first page.";
// One more than the 10 a view may have, so a request with more hears so, however many it sent.
const filtersField = z.preprocess((v) => (v === undefined ? [] : [v].flat().slice(0, 11)), z.array(z.string()));

/**
 * The Users page's view, read from its URL (shareable, and the back button works): search,
 * filters, sort and page. Bad values fall back to defaults rather than failing the page: a
 * cursor that is not one of this sort's, the first page.
 */
export const memberQuerySchema = z
  .object({
    q: searchParam(),
    filter: filtersField
      .transform((raw) =>
        raw.slice(0, 10).flatMap((f) => {
          const parsed = filterField.safeParse(f);
          return parsed.success ? [parsed.data] : [];
        }),
      )
      .catch([]),
    sort: z.enum(MEMBER_SORTS).catch("name"),
    dir: z.enum(SORT_DIRECTIONS).catch("asc"),
    after: cursor,
    before: cursor,
  })
  .transform((view) => ({
    ...view,
    after: decodeCursor(view.after, view) ? view.after : undefined,
    before: decodeCursor(view.before, view) ? view.before : undefined,
  })) satisfies z.ZodType<MemberView>;

/**
 * `GET /api/v1/users`: the same view as the Users page, but a program gets told what is
 * wrong instead of a silent default: unknown parameters, filters and sorts are refused.
 */
export const memberApiQuerySchema = z
  .strictObject({
    q: z
      .string()
      .trim()
      .max(100, "Search for at most 100 characters.")
      .refine(isPlainLine, "Search cannot contain control characters.")
      .default(""),
    filter: filtersField.pipe(z.array(filterField).max(10, "Use at most 10 filters.")),
    sort: z.enum(MEMBER_SORTS).default("name"),
    dir: z.enum(SORT_DIRECTIONS).default("asc"),
    after: cursorField,
    before: cursorField,
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((v) => !(v.after && v.before), { message: "Use after or before, not both.", path: ["before"] })
  .superRefine((v, ctx) => {
    for (const key of ["after", "before"] as const) {
      if (v[key] && !decodeCursor(v[key], v)) ctx.addIssue({ code: "custom", path: [key], message: FOREIGN_CURSOR });
    }
  });
