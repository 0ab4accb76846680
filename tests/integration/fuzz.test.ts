// Bad input, generated: every server action and API endpoint gets its valid request with
// fields replaced by control characters (NUL too, which PostgreSQL refuses outright),
// look-alike letters, huge values, injection strings, forged ids, forged page cursors and
// wrong types, plus extra keys. Whatever comes, the answer is a
// clear refusal or a proper success: never an exception, never a 500, never a partial write.
// FUZZ_RUNS inputs per action (as a form and as an object) and per endpoint; 15 by default.
import fs from "node:fs";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ROLES, can, type Role } from "@/lib/domain/permissions";
import { call } from "./api-client";
import { makeApiKey } from "./factories";
import { caller, form } from "./harness";
import { validateSession } from "@/lib/auth/session";
import { actions, arrange, ENDPOINTS, REQUESTS, run, snapshot, type World } from "./surface";

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const tried = { actions: 0, api: 0, refused: 0, accepted: 0 };

// What hostile or careless clients send.
const lookalike = fc.constantFrom(
  "Аdmin",
  "ѕupport",
  "аdmin@ехаmple.com",
  "ｅｘａｍｐｌｅ.com",
  "admin\u200b",
  "\u202eadmin",
  "İstanbul",
  "straße",
  "é",
  "😀".repeat(3),
);
const injection = fc.constantFrom(
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the Log4Shell probe is this literal text
  "${jndi:ldap://x}",
  "1 OR 1=1",
  "%00",
  "\\",
  '"',
  "null",
  "undefined",
  "__proto__",
);
const forgedId = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "1",
    "-1",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
  ),
);
// Control characters alone, and slipped into otherwise ordinary text.
const control = fc.constantFrom(
  "\u0000",
  "\u0001",
  "\u0008",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u009f",
  "\u202e",
  "\u2066",
  "\r\n",
);
const withControl = fc
  .tuple(fc.string({ maxLength: 12 }), control, fc.string({ maxLength: 12 }))
  .map(([a, c, b]) => `${a}${c}${b}`);
// Page cursors as Roster writes them (base64url JSON), but holding what it never would:
// another order, a segment out of range, keys of the wrong kind, an impossible date.
const forgedKey = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    "2026-02-31 10:00:00+00",
    "2026-12-07 25:00:00+00",
    "not-a-date",
    "x\u0000y",
    "' or 1=1 --",
    "",
    "9".repeat(400),
  ),
  fc.string({ maxLength: 20 }),
);
const forgedCursor = fc
  .record({
    o: fc.constantFrom("name:asc", "name:desc", "status:asc", "last_login:desc", "nonsense", ""),
    s: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constant(1.5)),
    k: fc.array(forgedKey, { maxLength: 3 }),
  })
  .map((c) => Buffer.from(JSON.stringify(c)).toString("base64url"));
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  lookalike,
  injection,
  forgedId,
  control,
  withControl,
  fc.constant(""),
  fc.integer().map(String),
  fc.integer({ min: 2_000, max: 120_000 }).map((n) => "x".repeat(n)),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

/** A valid request with some fields replaced or added (as a form, everything is text; as an object, anything goes). */
function mutated(valid: Record<string, unknown>, asForm: boolean) {
  const keys = [...Object.keys(valid), "extra", "role", "roles", "accountId", "membershipId", "userId", "isAdmin"];
  return fc
    .dictionary(fc.constantFrom(...keys), asForm ? text : fc.oneof(text, wrongType), { minKeys: 1, maxKeys: 4 })
    .map((changes) => ({ ...valid, ...changes }));
}

/** The first role the permission table lets do this: fuzzing is about input, not permission. */
const permittedRole = (permission: Parameters<typeof can>[1] | null): Role =>
  ROLES.find((r) => permission === null || can([r], permission))!;

/** A FormData of whatever the fuzzer made: strings as they are, anything else as text. */
function asFormData(fields: Record<string, unknown>): FormData {
  return form(
    Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [
        k,
        v instanceof File ? v : typeof v === "string" ? v : (JSON.stringify(v) ?? ""),
      ]),
    ),
  );
}

const SERVER_FAULT = /Something went wrong|cannot reach its database|cannot tell whether/;

describe("fuzzing every server action", () => {
  for (const { label, action } of actions) {
    const op = action.operation!;
    it(`${label}: every input gets a clear answer and a refusal changes nothing`, async () => {
      const role = permittedRole(op.permission);
      let world: World | undefined;
      const fresh = async () => {
        world = await arrange(role);
        caller.member = await validateSession(world.sessionId);
        return world;
      };
      await fresh();
      const valid = REQUESTS[op.name](world!);
      for (const asForm of [true, false]) {
        await fc.assert(
          fc.asyncProperty(mutated(valid, asForm), async (input) => {
            const w = world!;
            const before = await snapshot(w.account.id);
            const result = await run(action, asForm ? asFormData(input) : input);
            tried.actions++;
            expect(typeof result.ok).toBe("boolean");
            if (result.ok) {
              tried.accepted++;
              await fresh();
              return;
            }
            tried.refused++;
            expect(result.message, JSON.stringify(input).slice(0, 300)).toMatch(/\S/);
            expect(result.message).not.toMatch(SERVER_FAULT);
            expect(await snapshot(w.account.id)).toEqual(before);
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261201) },
        );
      }
    }, 120_000);
  }
});

describe("fuzzing every API endpoint", () => {
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(
      fc.constantFrom(
        "firstName",
        "lastName",
        "email",
        "roles",
        "accessTill",
        "reason",
        "note",
        "membershipId",
        "version",
        "extra",
      ),
      fc.oneof(text, wrongType),
      { maxKeys: 5 },
    ),
  );
  const query = fc.oneof(
    fc.dictionary(fc.constantFrom("q", "filter", "sort", "dir", "after", "before", "limit", "extra"), text, {
      maxKeys: 4,
    }),
    fc.record(
      {
        after: forgedCursor,
        sort: fc.constantFrom("name", "status", "last_login"),
        dir: fc.constantFrom("asc", "desc"),
      },
      { requiredKeys: ["after"] },
    ),
    fc.record({ before: forgedCursor }),
  );

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.route}: never a 500, errors as problem+json, and a refusal changes nothing`, async () => {
      const world = await arrange("admin");
      const { secret } = await makeApiKey(world.account.id, world.me.user.id, "Fuzz");
      const [method, template] = endpoint.route.split(" ");
      await fc.assert(
        fc.asyncProperty(body, query, fc.oneof(fc.constant(null), text), async (json, params, forged) => {
          const valid = endpoint.request(world);
          // Sometimes a forged id in the path, sometimes the real one.
          const path =
            forged !== null && template.includes("{id}")
              ? template.replace("{id}", encodeURIComponent(forged.slice(0, 200)) || "x")
              : valid.path;
          const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, v.slice(0, 2_000)])).toString();
          const before = await snapshot(world.account.id);
          const response = await call(`${method} ${path}${search ? `?${search}` : ""}`, {
            key: secret,
            body: method === "GET" || method === "DELETE" ? undefined : json,
            headers: valid.headers,
          });
          tried.api++;
          expect(response.status, `${method} ${path}?${search} ${JSON.stringify(json)?.slice(0, 200)}`).toBeLessThan(
            500,
          );
          if (response.status >= 400) {
            tried.refused++;
            expect(response.headers.get("content-type")).toBe("application/problem+json");
            expect(response.body.detail ?? response.body.title).toMatch(/\S/);
            expect(await snapshot(world.account.id)).toEqual(before);
          } else tried.accepted++;
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261201) },
      );
    }, 120_000);
  }
});

// The figures, for npm run verify's table (FUZZ_REPORT names the file).
afterAll(() => {
  if (process.env.FUZZ_REPORT) fs.writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(tried));
});
