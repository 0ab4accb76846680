import { AsyncLocalStorage } from "node:async_hooks";
import { getDb } from "@/db/client";
import { findJobProgress } from "@/db/queries/background-jobs";
import { runDueJobs } from "@/lib/jobs/runner";
import type { ImportJobResult } from "@/lib/members/import-job";
import { startSession } from "@/db/mutations/sessions";
import type { SessionContext } from "@/lib/domain/member-context";
import { validateSession } from "@/lib/auth/session";
import type { Role } from "@/lib/domain/permissions";
import { makeAccount, makeMember } from "./factories";

/**
 * Who is calling an action. setup.ts mocks the request boundary Next.js provides (the
 * session lookup, request headers, revalidation, `after`) with this; everything behind it
 * (permission table, zod, transaction, audit, database) is the real thing.
 */
export const caller: { member: SessionContext | null } = { member: null };

/** For calls made at the same moment by different members: `as.run(member, () => action(...))`. */
export const as = new AsyncLocalStorage<SessionContext | null>();

/** What the mocked getCurrentMember answers: the member of this call, else the shared caller. */
export function currentCaller(): SessionContext | null {
  const own = as.getStore();
  return own === undefined ? caller.member : own;
}

export const CALLER_IP = "203.0.113.50";

/** Signs a new member with these roles in (to `account`, or a fresh one) as the caller. */
export async function signInAs(roles: Role[], account?: { id: string; name: string }) {
  const target = account ?? (await makeAccount());
  const { user, membership } = await makeMember(target.id, { roles });
  const sessionId = await startSession(getDb(), { userId: user.id, accountId: target.id, ip: null, userAgent: null });
  caller.member = await validateSession(sessionId);
  return { account: target, user, membership, sessionId };
}

/** A form post: repeated values (checkboxes) become repeated fields; files go as files. */
export function form(entries: Record<string, string | string[] | File>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) for (const one of [value].flat()) data.append(key, one);
  return data;
}

/** A new session of `user` in the account, as the member a call made `as` it sees. */
export async function sessionOf(user: { id: string }, accountId: string): Promise<SessionContext | null> {
  return validateSession(await startSession(getDb(), { userId: user.id, accountId, ip: null, userAgent: null }));
}

type Member = Awaited<ReturnType<typeof makeMember>>;

/** Two Admins of a fresh account, each doing `act` to the other at the same moment. */
export async function twoAdminsAtOnce<R>(act: (target: Member) => Promise<R>) {
  const account = await makeAccount();
  const first = await makeMember(account.id, { roles: ["admin"] });
  const second = await makeMember(account.id, { roles: ["admin"] });
  const [one, two] = [await sessionOf(first.user, account.id), await sessionOf(second.user, account.id)];
  const results = await Promise.all([as.run(one, () => act(second)), as.run(two, () => act(first))]);
  return { account, first, second, results };
}

/**
 * Import CSV as the caller, then its background job run to the end (as the server's runner
 * would, right after the answer): the action's answer, and the import's report once done.
 */
export async function importCsv(csv: string, name = "team.csv") {
  const { importInvites } = await import("@/app/(console)/users/actions");
  const answer = await importInvites(null, form({ file: new File([csv], name, { type: "text/csv" }) }));
  if (!answer.ok || !answer.data) return { answer, report: null };
  await runDueJobs(getDb());
  const accountId = currentCaller()?.account.id ?? "";
  const job = await findJobProgress(getDb(), accountId, answer.data.jobId);
  const result = job?.result as ImportJobResult | null;
  return { answer, report: job && { status: job.status, error: job.error, done: job.done, ...result } };
}
