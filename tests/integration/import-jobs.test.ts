import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dbKind, getDb } from "@/db/client";
import { claimJob } from "@/db/mutations/background-jobs";
import { auditLog, backgroundJobs, emailOutbox, memberships } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs/runner";
import { runImportJob, type ImportJobResult } from "@/lib/members/import-job";
import { makeAccount, makeMember } from "./factories";
import { caller, form, sessionOf, signInAs } from "./harness";

const { importInvites } = await import("@/app/(console)/users/actions");
const { GET: progressOf } = await import("@/app/(console)/users/imports/route");

const HEADER = "First Name,Last Name,Email,Roles";
const people = (stamp: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `Bulk,Member ${from + i},bulk.${stamp}.${from + i}@example.com,Support`);

/** Queues an import as the caller and gives its job id; nothing of it is done yet. */
async function queueImport(lines: string[]): Promise<string> {
  const answer = await importInvites(null, form({ file: new File([lines.join("\n")], "team.csv") }));
  if (!answer.ok || !answer.data) throw new Error(`import refused: ${answer.message}`);
  return answer.data.jobId;
}

const jobRow = async (id: string) => (await getDb().select().from(backgroundJobs).where(eq(backgroundJobs.id, id)))[0];

const invitedIn = async (accountId: string) =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), eq(memberships.state, "invited")))
  )[0].n;

const LEASE = { leaseSeconds: 60 };

describe("Import CSV in the background", () => {
  it("answers at once with the job; the rows are invited a slice at a time, with progress", async () => {
    const { account } = await signInAs(["admin"]);
    const stamp = `${Date.now()}a`;
    const id = await queueImport([HEADER, ...people(stamp, 250)]);
    expect(await jobRow(id)).toMatchObject({ status: "queued", total: 250, done: 0 });
    expect(await invitedIn(account.id)).toBe(0);

    const job = await claimJob(getDb(), 60);
    let slices = 0;
    // Stops after the first slice, as a server that is shutting down does.
    await runImportJob(getDb(), job!, { ...LEASE, stopping: () => slices++ > 0 });
    expect(await jobRow(id)).toMatchObject({ status: "running", done: 100, lockedUntil: null });
    expect(await invitedIn(account.id)).toBe(100);

    await runDueJobs(getDb());
    const done = await jobRow(id);
    expect(done).toMatchObject({ status: "done", done: 250 });
    expect((done.result as ImportJobResult).invited).toBe(250);
    expect(await invitedIn(account.id)).toBe(250);
    const finished = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.import_finished")));
    expect(finished).toMatchObject([{ targetLabel: "team.csv", after: { invited: 250, refused: 0 } }]);
  });

  it("a resumed import still refuses an address repeated from a slice done before the stop", async () => {
    await signInAs(["admin"]);
    const stamp = `${Date.now()}b`;
    const repeat = `Again,Twice,bulk.${stamp}.0@example.com,Support`;
    const id = await queueImport([HEADER, ...people(stamp, 150), repeat]);
    let slices = 0;
    await runImportJob(getDb(), (await claimJob(getDb(), 60))!, { ...LEASE, stopping: () => slices++ > 0 });
    expect((await jobRow(id)).done).toBe(100);
    await runDueJobs(getDb());
    const result = (await jobRow(id)).result as ImportJobResult;
    expect(result.invited).toBe(150);
    expect(result.refused).toEqual([
      {
        line: 152,
        email: `bulk.${stamp}.0@example.com`,
        reason: `bulk.${stamp}.0@example.com is already on line 2 of this file.`,
      },
    ]);
  });

  it("stops when its requester can no longer invite, and says why", async () => {
    const { account, membership } = await signInAs(["admin"]);
    const id = await queueImport([HEADER, ...people(`${Date.now()}c`, 20)]);
    await getDb().update(memberships).set({ state: "revoked" }).where(eq(memberships.id, membership.id));
    await runDueJobs(getDb());
    expect(await jobRow(id)).toMatchObject({
      status: "failed",
      done: 0,
      error: "The import stopped: you can no longer invite members to this account.",
    });
    expect(await invitedIn(account.id)).toBe(0);
  });

  it("refuses, whole and at once, a file nobody could be invited from or whose name is not plain text", async () => {
    await signInAs(["admin"]);
    const refusal = async (text: string, name = "team.csv") =>
      (await importInvites(null, form({ file: new File([text], name) }))).fieldErrors?.file?.[0];
    expect(await refusal(`${HEADER}\n`)).toMatch(/header row but nobody to invite/);
    expect(await refusal(`${HEADER}\nNul,Byte,nul@example.com,Support\u0000`)).toMatch(/NUL character/);
    expect(await refusal(`${HEADER}\n${people("x", 1)[0]}`, "evil\u202Evsc.csv")).toMatch(/Rename the file/);
    expect(await refusal(`${HEADER}\n${people("x", 1)[0]}`, `${"n".repeat(300)}.csv`)).toMatch(/Rename the file/);
  });

  it("an account has at most three imports under way, however many are sent at once", async () => {
    const { account } = await signInAs(["admin"]);
    const stamp = `${Date.now()}g`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        importInvites(null, form({ file: new File([[HEADER, ...people(`${stamp}${i}`, 2)].join("\n")], "team.csv") })),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(answers.find((a) => !a.ok)?.fieldErrors?.file?.[0]).toMatch(/3 imports are already under way/);
    const queued = await getDb().select().from(backgroundJobs).where(eq(backgroundJobs.accountId, account.id));
    expect(queued).toHaveLength(3);
    await runDueJobs(getDb());
    // Once done, the file is not kept, and the account may import again.
    const done = await getDb().select().from(backgroundJobs).where(eq(backgroundJobs.accountId, account.id));
    expect(done.every((j) => j.status === "done" && !("text" in (j.input as object)))).toBe(true);
    expect(
      (
        await importInvites(
          null,
          form({ file: new File([[HEADER, ...people(`${stamp}z`, 1)].join("\n")], "again.csv") }),
        )
      ).ok,
    ).toBe(true);
  });

  it("a runner skips an account whose job another runner is working on, for the next account's", async () => {
    const first = await signInAs(["admin"]);
    const busyJob = await queueImport([HEADER, ...people(`${Date.now()}h`, 3)]);
    await queueImport([HEADER, ...people(`${Date.now()}i`, 3)]);
    const other = await signInAs(["admin"]);
    const waiting = await queueImport([HEADER, ...people(`${Date.now()}j`, 3)]);
    // Older jobs of other tests may be queued too: claim until this account's first is held.
    let held = await claimJob(getDb(), 60);
    while (held && held.id !== busyJob) held = await claimJob(getDb(), 60);
    expect(held?.accountId).toBe(first.account.id);
    let next = await claimJob(getDb(), 60);
    while (next && next.accountId !== other.account.id && next.accountId !== first.account.id)
      next = await claimJob(getDb(), 60);
    expect(next?.id).toBe(waiting);
  });

  it("shows its progress to the account's member managers only", async () => {
    const { account } = await signInAs(["admin"]);
    const id = await queueImport([HEADER, ...people(`${Date.now()}d`, 3)]);
    const poll = () => progressOf(new Request(`http://localhost/users/imports?job=${id}`));
    const queued = await poll();
    expect(queued.status).toBe(200);
    expect(await queued.json()).toMatchObject({ status: "queued", total: 3, done: 0, refused: null });
    await runDueJobs(getDb());
    expect(await (await poll()).json()).toMatchObject({ status: "done", done: 3, invited: 3, refused: [] });

    const support = await makeMember(account.id, { roles: ["support"] });
    caller.member = await sessionOf(support.user, account.id);
    expect((await poll()).status).toBe(403);
    await signInAs(["admin"], await makeAccount());
    expect((await poll()).status).toBe(404);
    expect((await progressOf(new Request("http://localhost/users/imports?job=nonsense"))).status).toBe(400);
  });
});

describe.skipIf(dbKind() === "pglite")("Import jobs with several runners (PostgreSQL)", () => {
  it("runners starting at once invite each row once: one email and one audit row each", async () => {
    const { account } = await signInAs(["admin"]);
    const id = await queueImport([HEADER, ...people(`${Date.now()}e`, 400)]);
    await Promise.all(Array.from({ length: 4 }, () => runDueJobs(getDb())));
    expect(await jobRow(id)).toMatchObject({ status: "done", done: 400 });
    expect(await invitedIn(account.id)).toBe(400);
    const [emails] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.accountId, account.id), eq(emailOutbox.kind, "invitation")));
    expect(emails.n).toBe(400);
    const [audits] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.invite")));
    expect(audits.n).toBe(400);
  });

  it("a runner whose lease lapsed and was taken over writes nothing more", async () => {
    const { account } = await signInAs(["admin"]);
    const id = await queueImport([HEADER, ...people(`${Date.now()}f`, 120)]);
    const slow = (await claimJob(getDb(), 60))!;
    // Its lease lapses (the server stalled); another runner takes the job and finishes it.
    await getDb()
      .update(backgroundJobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(backgroundJobs.id, id));
    await runDueJobs(getDb());
    expect(await jobRow(id)).toMatchObject({ status: "done", done: 120 });
    // The stalled runner wakes up with its stale copy of the job: its slices must not count.
    await runImportJob(getDb(), slow, { ...LEASE, stopping: () => false });
    expect(await invitedIn(account.id)).toBe(120);
  });
});
