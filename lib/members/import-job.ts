import "server-only";
import type { Db } from "@/db/client";
import { transaction } from "@/db/transaction";
import { writeAudit } from "@/db/mutations/audit";
import { finishJob, recordProgress, releaseJob } from "@/db/mutations/background-jobs";
import { holdJobRequester } from "@/db/queries/background-jobs";
import type { BackgroundJob } from "@/db/schema";
import { can } from "@/lib/domain/permissions";
import type { RequestInfo } from "@/lib/http/request-info";
import type { JobContext } from "@/lib/jobs/runner";
import { auditActor } from "@/lib/operations/operation";
import { readImportItems, planImportSlice, type ImportItem, type RefusedRow } from "./import-plan";
import { inviteAccount, inviterOf, writeInvitations } from "./invite-steps";

export const IMPORT_JOB = "member.import";

/** What Import CSV's request queues: the file, and where it came from (for the audit rows). */
export interface ImportJobInput {
  fileName: string;
  text: string;
  request: RequestInfo;
}

/** What the page shows as the import goes: how many were invited, and each row that was not, with why. */
export interface ImportJobResult {
  invited: number;
  refused: RefusedRow[];
}

/**
 * Rows per transaction: small enough that each slice's statements, and the thread it holds
 * building them, leave room for every other request between slices (the bench imports 10,000
 * rows while timing /api/health and the Users page).
 */
const ROWS_PER_SLICE = 100;

/** Why an import stops before its end: its requester can no longer invite in the account. */
const STOPPED = "The import stopped: you can no longer invite members to this account.";

/**
 * Invites an import job's rows a slice at a time, each slice in its own transaction with its
 * audit rows, its emails (the outbox worker sends them at its next poll) and the job's
 * progress, acting as the requester with their roles and the account's rules as they are at
 * that slice. Resumed by another runner, it first replays the
 * rows already done (planning only) so that a repeat of an earlier address is still refused.
 */
export async function runImportJob(db: Db, job: BackgroundJob, ctx: JobContext): Promise<void> {
  const input = job.input as ImportJobInput;
  const items = readImportItems(input.text);
  let result: ImportJobResult = (job.result as ImportJobResult | null) ?? { invited: 0, refused: [] };
  let firstLine = new Map<string, number>();
  let done = job.done;
  if (done > 0) firstLine = await replayAccepted(db, job, items.slice(0, done));

  while (done < items.length) {
    if (ctx.stopping()) return releaseJob(db, job.id);
    const slice = items.slice(done, done + ROWS_PER_SLICE);
    const outcome = await transaction(db, async (tx) => {
      const member = await holdJobRequester(tx, job);
      if (!member || !can(member.membership.roles, "team.manage")) return { stopped: true } as const;
      // A copy: a transaction that lost a race runs again from the map as it was.
      const seen = new Map(firstLine);
      const plan = planImportSlice(slice, await inviteAccount(tx, member), inviterOf(member), seen);
      const written = await writeInvitations(tx, member, plan.accepted);
      const refused = [...plan.refused];
      written.forEach(({ invited }, i) => {
        if (!invited) {
          const { line, invite } = plan.accepted[i];
          refused.push({ line, email: invite.email, reason: `Already a member of ${member.account.name}.` });
        }
      });
      const actor = auditActor(member, input.request);
      await writeAudit(
        tx,
        written.flatMap(({ invited, audit }, i) =>
          invited
            ? [
                {
                  ...actor,
                  ...audit,
                  action: "member.invite" as const,
                  reason: `CSV import ${input.fileName}, line ${plan.accepted[i].line}`,
                  outcome: "allowed" as const,
                },
              ]
            : [],
        ),
      );
      const next: ImportJobResult = {
        invited: result.invited + written.filter((w) => w.invited).length,
        refused: [...result.refused, ...refused.sort((a, b) => a.line - b.line)],
      };
      const held = await recordProgress(
        tx,
        { id: job.id, from: done },
        { done: done + slice.length, result: next },
        ctx.leaseSeconds,
      );
      // Another runner took the job over (this one's lease lapsed): roll back, and leave it to them.
      if (!held) throw new LeaseLost();
      return { stopped: false, seen, next } as const;
    }).catch((error: unknown) => {
      if (error instanceof LeaseLost) return null;
      throw error;
    });
    if (!outcome) return;
    if (outcome.stopped) return finishJob(db, job.id, { status: "failed", error: STOPPED });
    firstLine = outcome.seen;
    result = outcome.next;
    done += slice.length;
    await yieldToRequests();
  }
  await transaction(db, async (tx) => {
    const member = await holdJobRequester(tx, job);
    await finishJob(tx, job.id, { status: "done" });
    if (member)
      await writeAudit(tx, {
        ...auditActor(member, input.request),
        action: "member.import_finished",
        targetType: "account",
        targetId: job.accountId,
        targetLabel: input.fileName,
        after: { invited: result.invited, refused: result.refused.length },
        outcome: "allowed",
      });
  });
}

class LeaseLost extends Error {}

/** Lets the requests waiting for this process go first: an import never holds the thread for more than a slice. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The addresses accepted by the rows already done, replayed without writing (a resumed import). */
async function replayAccepted(db: Db, job: BackgroundJob, items: ImportItem[]): Promise<Map<string, number>> {
  const firstLine = new Map<string, number>();
  await transaction(db, async (tx) => {
    const member = await holdJobRequester(tx, job);
    if (!member) return;
    const account = await inviteAccount(tx, member);
    for (let i = 0; i < items.length; i += ROWS_PER_SLICE)
      planImportSlice(items.slice(i, i + ROWS_PER_SLICE), account, inviterOf(member), firstLine);
  });
  return firstLine;
}
