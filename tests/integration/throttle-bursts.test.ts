// Every limit counts before it checks (SECURITY.md S45): a burst of ten times a limit, sent
// at once, gets no more through than the limit. Each refused attempt is told so; each one
// let through did the expensive work (a password check, a queued email). On PostgreSQL
// only: an embedded PGlite runs one statement at a time, so it cannot race.
import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { changePassword } from "@/app/(console)/profile/actions";
import { dbKind, getDb } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { call } from "./api-client";
import { makeAccount, makeApiKey, makeMember, PASSWORD } from "./factories";
import { form, signInAs } from "./harness";

// A small API allowance, so ten times it is a burst this file can send (read by env() on first use).
process.env.API_RATE_LIMIT_PER_MINUTE = "20";

const from = (ip: string) => ({ ip, userAgent: "burst" });
const freshIp = () => `203.0.113.${randomBytes(1)[0]}-${randomBytes(3).toString("hex")}`;
const tally = <T extends string>(outcomes: T[]) =>
  outcomes.reduce(
    (n, o) => {
      n[o] = (n[o] ?? 0) + 1;
      return n;
    },
    {} as Record<T, number>,
  );

/** What each burst got through, for npm run verify's table (THROTTLE_REPORT names the file). */
const bursts: { limit: string; max: number; sent: number; through: number }[] = [];
afterAll(() => {
  if (process.env.THROTTLE_REPORT) fs.writeFileSync(process.env.THROTTLE_REPORT, JSON.stringify(bursts));
});

describe.skipIf(dbKind() === "pglite")("throttles under a burst (PostgreSQL)", () => {
  it("100 simultaneous wrong passwords for one address: 10 are checked, 90 throttled; then even the right one is", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        attemptSignIn(getDb(), { email: user.email, password: `wrong-guess-${i}-x` }, from(ip)),
      ),
    );
    expect(tally(results.map((r) => (r.ok ? "ok" : r.reason)))).toEqual({ invalid: 10, throttled: 90 });
    bursts.push({
      limit: "sign-in per address",
      max: 10,
      sent: 100,
      through: results.filter((r) => !r.ok && r.reason === "invalid").length,
    });
    expect(await attemptSignIn(getDb(), { email: user.email, password: PASSWORD }, from(freshIp()))).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("1,000 simultaneous sign-ins from one IP, each to another address: 100 are checked", async () => {
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        attemptSignIn(
          getDb(),
          { email: `nobody-${i}-${randomBytes(3).toString("hex")}@example.com`, password: "whatever-it-is-1" },
          from(ip),
        ),
      ),
    );
    expect(tally(results.map((r) => (r.ok ? "ok" : r.reason)))).toEqual({ invalid: 100, throttled: 900 });
    bursts.push({
      limit: "sign-in per IP",
      max: 100,
      sent: 1_000,
      through: results.filter((r) => !r.ok && r.reason === "invalid").length,
    });
  });

  it("50 simultaneous change-password guesses: 5 are checked, 45 told to wait", async () => {
    await signInAs(["support"]);
    const guesses = Array.from({ length: 50 }, (_, i) =>
      changePassword(
        null,
        form({
          currentPassword: `guess-number-${i}`,
          password: "a-brand-new-passphrase-9",
          confirmPassword: "a-brand-new-passphrase-9",
        }),
      ),
    );
    const results = await Promise.all(guesses);
    bursts.push({
      limit: "change password",
      max: 5,
      sent: 50,
      through: results.filter((r) => r.fieldErrors?.currentPassword).length,
    });
    expect(
      tally(
        results.map((r) =>
          r.fieldErrors?.currentPassword
            ? "checked"
            : /Too many wrong current passwords/.test(r.message ?? "")
              ? "throttled"
              : "other",
        ),
      ),
    ).toEqual({
      checked: 5,
      throttled: 45,
    });
  });

  it("200 simultaneous calls with one API key within its allowance of 20 a minute: 20 answered, 180 told to wait", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    const { secret } = await makeApiKey(account.id, user.id, "Burst");
    const responses = await Promise.all(Array.from({ length: 200 }, () => call("GET /api/v1/me", { key: secret })));
    expect(tally(responses.map((r) => String(r.status)))).toEqual({ "200": 20, "429": 180 });
    bursts.push({
      limit: "API key per minute",
      max: 20,
      sent: 200,
      through: responses.filter((r) => r.status === 200).length,
    });
  });

  it("50 simultaneous reset requests for one address queue 5 emails; 300 from one IP for other addresses queue 30", async () => {
    const account = await makeAccount();
    const { user } = await makeMember(account.id);
    await Promise.all(Array.from({ length: 50 }, () => requestPasswordReset(getDb(), user.email, from(freshIp()))));
    const queued = await getDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, user.email), eq(emailOutbox.kind, "password_reset")));
    bursts.push({ limit: "reset requests per address", max: 5, sent: 50, through: queued.length });
    expect(queued).toHaveLength(5);

    const members = await Promise.all(
      Array.from({ length: 300 }, () =>
        makeMember(account.id, { email: `reset-burst-${randomBytes(5).toString("hex")}@example.com` }),
      ),
    );
    const ip = freshIp();
    await Promise.all(members.map(({ user: u }) => requestPasswordReset(getDb(), u.email, from(ip))));
    const fromOneIp = await getDb().select().from(emailOutbox).where(like(emailOutbox.toAddress, "reset-burst-%"));
    bursts.push({ limit: "reset requests per IP", max: 30, sent: 300, through: fromOneIp.length });
    expect(fromOneIp).toHaveLength(30);
  });
});
