// The inputs an outside review sent that answered 500, each now a clear refusal that changes
// nothing (SECURITY.md S35): a NUL or other control character in any field of any action or
// API body, forged page cursors, the wrong kind of payload for a form's action, and a list of
// 200,000 roles. The fuzzer (fuzz.test.ts) tries such inputs at random; these always run.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { forgotPasswordAction } from "@/app/(auth)/forgot-password/actions";
import { registerAndAccept } from "@/app/(auth)/invite/[token]/actions";
import { resetPasswordAction } from "@/app/(auth)/reset-password/[token]/actions";
import { signInAction } from "@/app/(auth)/sign-in/actions";
import { validateSession } from "@/lib/auth/session";
import { encodeCursor } from "@/lib/members/cursor";
import { call } from "./api-client";
import { makeApiKey } from "./factories";
import { caller, form } from "./harness";
import { actions, arrange, REQUESTS, run, snapshot } from "./surface";

const SERVER_FAULT = /Something went wrong|cannot reach its database|cannot tell whether/;
const CONTROLS = ["\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\u202e"];

describe("control characters in any field of any action", () => {
  for (const { label, action } of actions) {
    const op = action.operation!;
    it(`${label}: every text field with a control character is refused with a message, and nothing changes`, async () => {
      const world = await arrange("admin");
      caller.member = await validateSession(world.sessionId);
      const valid = REQUESTS[op.name](world);
      const fields = Object.entries(valid).filter(([, v]) => typeof v === "string" || Array.isArray(v));
      for (const [field, value] of fields) {
        for (const c of CONTROLS) {
          const text = Array.isArray(value) ? [`${value[0]}${c}`] : `${String(value).slice(0, 20)}${c}x`;
          const before = await snapshot(world.account.id);
          const result = await run(action, form({ ...valid, [field]: text }));
          expect(result.message ?? "", `${field} with U+${c.charCodeAt(0).toString(16).padStart(4, "0")}`).not.toMatch(
            SERVER_FAULT,
          );
          if (!result.ok) expect(await snapshot(world.account.id)).toEqual(before);
        }
      }
    });
  }

  it("a version beyond what the column holds is refused with a message, before anything is counted or changed", async () => {
    const world = await arrange("admin");
    caller.member = await validateSession(world.sessionId);
    const versioned = actions.filter(({ action }) => "version" in REQUESTS[action.operation!.name](world));
    expect(versioned.length).toBeGreaterThan(1);
    for (const { label, action } of versioned) {
      for (const version of ["2147483648", "99999999999", "0", "1.5"]) {
        const before = await snapshot(world.account.id);
        const result = await run(action, form({ ...REQUESTS[action.operation!.name](world), version }));
        expect(result, `${label} at version ${version}`).toMatchObject({
          ok: false,
          fieldErrors: { version: ["Reload the page and try again."] },
        });
        expect(await snapshot(world.account.id)).toEqual(before);
      }
    }
  });

  it("a note may hold line breaks and tabs, but nothing else of the kind", async () => {
    const world = await arrange("admin");
    caller.member = await validateSession(world.sessionId);
    const revoke = actions.find((a) => a.action.operation?.name === "member.revoke")!.action;
    expect(
      await run(revoke, form({ membershipId: world.target.membership.id, reason: "Other", note: "bad\u0000note" })),
    ).toMatchObject({ ok: false, fieldErrors: { note: ["The note cannot contain control characters."] } });
    expect(
      await run(
        revoke,
        form({
          membershipId: world.target.membership.id,
          reason: "Other",
          note: "Left the company.\r\n\tSee ticket 42.",
        }),
      ),
    ).toMatchObject({ ok: true });
  });

  it("a list of 200,000 roles is refused at once, before any of them is looked at", async () => {
    const world = await arrange("admin");
    caller.member = await validateSession(world.sessionId);
    const invite = actions.find((a) => a.action.operation?.name === "member.invite")!.action;
    const started = performance.now();
    const result = await run(invite, {
      firstName: "Many",
      lastName: "Roles",
      email: `many-${randomBytes(3).toString("hex")}@example.com`,
      roles: Array(200_000).fill("admin"),
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { roles: ["Choose at most 6 roles."] } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("the public forms' actions, sent what no form sends", () => {
  const publicActions = { signInAction, forgotPasswordAction, resetPasswordAction, registerAndAccept } as Record<
    string,
    (prev: null, payload: unknown) => Promise<{ ok: boolean; message?: string }>
  >;
  const payloads: [string, unknown][] = [
    [
      "a JSON object with a NUL",
      { email: "a\u0000@example.com", password: "x\u0000y", fullName: "Nul\u0000Name", token: "x".repeat(43) },
    ],
    ["a string", "email=a@example.com"],
    ["a list", ["a@example.com"]],
    ["nothing", undefined],
    [
      "a form with a NUL in every field",
      form({
        email: "nul\u0000@example.com",
        password: "pass\u0000word-long-enough",
        fullName: "Ab\u0000cd",
        token: "y".repeat(43),
        confirmPassword: "pass\u0000word-long-enough",
      }),
    ],
    [
      "a form with a bidirectional override in the name",
      form({
        fullName: "Admin\u202egnp.exe",
        token: "z".repeat(43),
        password: "a-long-enough-passphrase-1",
        confirmPassword: "a-long-enough-passphrase-1",
      }),
    ],
  ];
  for (const [name, action] of Object.entries(publicActions)) {
    it.each(payloads)(`${name}, given %s: a refusal with a message`, async (_kind, payload) => {
      const result = await action(null, payload);
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/\S/);
      expect(result.message).not.toMatch(SERVER_FAULT);
    });
  }

  it("registration refuses a name with control or bidirectional characters, as every other name field does", async () => {
    for (const fullName of ["Ab\u0000cd", "Admin\u202egnp.exe", "Tab\there"]) {
      const result = await registerAndAccept(
        null,
        form({
          token: "t".repeat(43),
          fullName,
          password: "a-long-enough-passphrase-1",
          confirmPassword: "a-long-enough-passphrase-1",
        }),
      );
      expect(result.fieldErrors?.fullName, JSON.stringify(fullName)).toEqual([
        "The name cannot contain control characters.",
      ]);
    }
  });
});

describe("the REST API, sent control characters and forged cursors", () => {
  async function keyed() {
    const world = await arrange("admin");
    const { secret } = await makeApiKey(world.account.id, world.me.user.id, "Hostile");
    return { world, secret };
  }

  it("a NUL in a search, a filter or a body field is a 400 or 422 naming it, never a 500", async () => {
    const { world, secret } = await keyed();
    const before = await snapshot(world.account.id);
    for (const path of ["/api/v1/users?q=a%00b", "/api/v1/users?filter=role%3Ais%3Aadmin%00", "/api/v1/users?q=%01"]) {
      const response = await call(`GET ${path}`, { key: secret });
      expect(response.status, path).toBe(400);
      expect(response.body.detail).toMatch(/\S/);
    }
    const bodies = [
      { firstName: "Nul", lastName: "Byte", email: "nul\u0000@example.com", roles: ["support"] },
      {
        firstName: "Nul\u0000",
        lastName: "Byte",
        email: `ok-${randomBytes(3).toString("hex")}@example.com`,
        roles: ["support"],
      },
    ];
    for (const body of bodies) expect((await call("POST /api/v1/users", { key: secret, body })).status).toBe(422);
    const revoke = await call(`POST /api/v1/users/${world.target.membership.id}/revoke`, {
      key: secret,
      body: { reason: "Other", note: "nul\u0000note" },
    });
    expect(revoke.status).toBe(422);
    expect(await snapshot(world.account.id)).toEqual(before);
  });

  it("a cursor Roster did not write for this sort (keys of the wrong kind, another order, an impossible date or offset) is a 400 that says so", async () => {
    const { secret } = await keyed();
    const forged = [
      encodeCursor({ o: "name:asc", s: 0, k: ["anyone", "not-a-uuid"] }),
      encodeCursor({ o: "last_login:asc", s: 0, k: ["yesterday", "00000000-0000-4000-8000-000000000000"] }),
      encodeCursor({
        o: "last_login:asc",
        s: 0,
        k: ["2026-02-31 10:00:00+00", "00000000-0000-4000-8000-000000000000"],
      }),
      encodeCursor({
        o: "last_login:asc",
        s: 0,
        k: ["2026-12-07 01:39:44+16:00", "00000000-0000-4000-8000-000000000000"],
      }),
      encodeCursor({
        o: "last_login:asc",
        s: 0,
        k: ["2026-12-07 01:39:44-00:60", "00000000-0000-4000-8000-000000000000"],
      }),
      encodeCursor({ o: "status:asc", s: 0, k: ["anyone", "00000000-0000-4000-8000-000000000000"] }),
      encodeCursor({ o: "name:asc", s: 3, k: ["anyone", "00000000-0000-4000-8000-000000000000"] }),
      encodeCursor({ o: "name:asc", s: 0, k: ["nul\u0000", "00000000-0000-4000-8000-000000000000"] }),
      "not-json-at-all",
    ];
    for (const cursor of forged) {
      for (const param of ["after", "before"]) {
        const sort =
          cursor.length > 20 && Buffer.from(cursor, "base64url").toString().includes("last_login")
            ? "&sort=last_login"
            : "";
        const response = await call(`GET /api/v1/users?${param}=${cursor}${sort}`, { key: secret });
        expect(response.status, `${param}=${Buffer.from(cursor, "base64url").toString()}`).toBe(400);
        expect(JSON.stringify(response.body.errors)).toMatch(/cursor/);
      }
    }
    // A real cursor still works, forwards and back.
    const first = await call("GET /api/v1/users?limit=2", { key: secret });
    const second = await call(`GET /api/v1/users?limit=2&after=${first.body.next}`, { key: secret });
    expect(second.status).toBe(200);
    expect((await call(`GET /api/v1/users?limit=2&before=${second.body.previous}`, { key: secret })).body.data).toEqual(
      first.body.data,
    );
  });
});
