import "server-only";
import { OperationError } from "@/lib/operations/error";
import { CsvError } from "@/lib/csv/parse";
import { readInviteCsv } from "./import-csv";
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

export interface ImportReportRow {
  line: number;
  email: string;
  invited: boolean;
  reason: string | null;
}

export interface ImportReport {
  rows: ImportReportRow[];
}

export interface ImportPlan {
  accepted: { line: number; invite: CheckedInvite; link: PreparedLink }[];
  refused: ImportReportRow[];
}

/**
 * Reads an uploaded CSV and applies Add New User's rules to every row: the rows that pass
 * come back with their links and emails ready to queue; the others with the reason, by line.
 * A file that cannot be read at all is refused as a whole.
 */
export function readInviteFile(text: string, account: InviteAccount, inviter: Inviter): ImportPlan {
  let parsed: ReturnType<typeof readInviteCsv>;
  try {
    parsed = readInviteCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new OperationError("invalid", error.message, { file: [error.message] });
    throw error;
  }
  const refused: ImportReportRow[] = parsed.problems.map((p) => ({
    line: p.line,
    email: "",
    invited: false,
    reason: p.message,
  }));
  const checked: { line: number; invite: CheckedInvite }[] = [];
  const firstLine = new Map<string, number>();

  for (const row of parsed.rows) {
    const refuse = (reason: string) => refused.push({ line: row.line, email: row.email, invited: false, reason });
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
    checked.push({ line: row.line, invite: result.invite });
  }

  const accepted = checked.map((row) => ({ ...row, link: prepareInvitationLink(row.invite, account, inviter, false) }));
  return { accepted, refused };
}
