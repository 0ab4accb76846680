import "server-only";
import { OperationError } from "@/lib/operations/error";
import { CsvError } from "@/lib/csv/parse";
import { readInviteCsv, type InviteCsvRow } from "./import-csv";
import { roleFromName } from "@/lib/domain/permissions";
import { inviteSchema } from "@/lib/validation/members";
import {
  checkInvite,
  prepareInvitationLink,
  type CheckedInvite,
  type InviteAccount,
  type Inviter,
  type PreparedLink,
} from "./invite";

/** A row of the file that was not invited, and why, by line so the Admin can fix just that row. */
export interface RefusedRow {
  line: number;
  email: string;
  reason: string;
}

/** One data line of an import file, in file order: a row to check, or a line that could not be read as one. */
export type ImportItem = { line: number; row: InviteCsvRow } | { line: number; problem: string };

/**
 * Reads an uploaded CSV into its items, in line order. A file that cannot be read at all
 * (no header, a missing column, too big) is refused as a whole, at once.
 */
export function readImportItems(text: string): ImportItem[] {
  let parsed: ReturnType<typeof readInviteCsv>;
  try {
    parsed = readInviteCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new OperationError("invalid", error.message, { file: [error.message] });
    throw error;
  }
  const items: ImportItem[] = [
    ...parsed.rows.map((row) => ({ line: row.line, row })),
    ...parsed.problems.map((p) => ({ line: p.line, problem: p.message })),
  ];
  if (items.length === 0) {
    const message = "The file has its header row but nobody to invite: add a row for each person under it.";
    throw new OperationError("invalid", message, { file: [message] });
  }
  return items.sort((a, b) => a.line - b.line);
}

export interface ImportSlicePlan {
  accepted: { line: number; invite: CheckedInvite; link: PreparedLink }[];
  refused: RefusedRow[];
}

/**
 * Applies Add New User's rules to a slice of the file's items: the rows that pass come back
 * with their links and emails ready to queue, the others with the reason. `firstLine` holds
 * the line of each address already accepted earlier in the file, and is added to, so an
 * import planned a slice at a time refuses the same repeats as one planned whole.
 */
export function planImportSlice(
  items: readonly ImportItem[],
  account: InviteAccount,
  inviter: Inviter,
  firstLine: Map<string, number>,
): ImportSlicePlan {
  const plan: ImportSlicePlan = { accepted: [], refused: [] };
  for (const item of items) {
    if ("problem" in item) {
      plan.refused.push({ line: item.line, email: "", reason: item.problem });
      continue;
    }
    const { row } = item;
    const refuse = (reason: string) => plan.refused.push({ line: row.line, email: row.email, reason });
    const unknown = row.roles.filter((name) => !roleFromName(name));
    if (unknown.length) {
      refuse(`Unknown role ${unknown.map((r) => `"${r}"`).join(", ")}.`);
      continue;
    }
    const input = inviteSchema.safeParse({
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      roles: row.roles.map(roleFromName),
      accessTill: row.accessTill ?? undefined,
    });
    if (!input.success) {
      refuse(input.error.issues.map((i) => i.message).join(" "));
      continue;
    }
    const result = checkInvite(input.data, account, inviter);
    if (!result.ok) {
      refuse(Object.values(result.fieldErrors).flat().join(" "));
      continue;
    }
    const earlier = firstLine.get(result.invite.email);
    if (earlier !== undefined) {
      refuse(`${result.invite.email} is already on line ${earlier} of this file.`);
      continue;
    }
    firstLine.set(result.invite.email, row.line);
    plan.accepted.push({
      line: row.line,
      invite: result.invite,
      link: prepareInvitationLink(result.invite, account, inviter, false),
    });
  }
  return plan;
}
