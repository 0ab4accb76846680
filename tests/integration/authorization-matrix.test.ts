// The authorization matrix: every server action and every API endpoint, called by every
// kind of caller, held to the one permission table (lib/domain/permissions.ts). What each role may
// do is computed from the table, not written here; a call the table refuses must change
// nothing (the account's rows are compared before and after).
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, memberships } from "@/db/schema";
import { validateSession } from "@/lib/auth/session";
import { can, ROLES } from "@/lib/domain/permissions";
import { documentedOperations, loadDocument } from "../fixtures/openapi";
import { makeApiKey } from "./factories";
import { caller, form } from "./harness";
import { actions, arrange, callAs, ENDPOINTS, REQUESTS, run, snapshot, TARGETED } from "./surface";

const REFUSED = "You don't have permission to do that.";
const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

describe("authorization matrix: server actions", () => {
  it("covers every action the console exposes, each with its operation and a request to make", () => {
    expect(actions.length).toBeGreaterThanOrEqual(16);
    for (const { label, action } of actions) {
      expect(action.operation, label).toBeDefined();
      expect(REQUESTS[action.operation!.name], `${label}: add a request for ${action.operation!.name}`).toBeDefined();
    }
  });

  for (const { label, action } of actions) {
    const op = action.operation;
    if (!op) continue;
    describe(label, () => {
      it.each(ROLES)(
        `as %s: allowed exactly when the permission table grants ${op.permission ?? "(any member)"}`,
        async (role) => {
          const world = await arrange(role);
          caller.member = await validateSession(world.sessionId);
          const before = await snapshot(world.account.id);
          const result = await run(action, form(REQUESTS[op.name](world)));
          const allowed = op.permission === null || can([role], op.permission);
          if (allowed) {
            expect(result, `${role} may ${op.name}`).toMatchObject({ ok: true });
          } else {
            expect(result, `${role} may not ${op.name}`).toEqual({ ok: false, message: REFUSED });
            expect(await snapshot(world.account.id)).toEqual(before);
            const [denied] = await getDb()
              .select()
              .from(auditLog)
              .where(
                and(
                  eq(auditLog.accountId, world.account.id),
                  eq(auditLog.outcome, "denied"),
                  eq(auditLog.action, op.name),
                ),
              );
            expect(denied, "the refusal is audited").toMatchObject({
              actorUserId: world.me.user.id,
              reason: `lacks ${op.permission}`,
            });
          }
        },
      );

      it("as an Admin of another account: nothing of this account changes", async () => {
        const world = await arrange("admin-elsewhere");
        caller.member = await validateSession(world.sessionId);
        const before = await snapshot(world.account.id);
        const result = await run(action, form(REQUESTS[op.name](world)));
        if (TARGETED.has(op.name)) expect(result.ok, `${op.name} reached another account's row`).toBe(false);
        expect(await snapshot(world.account.id)).toEqual(before);
      });

      it.each(["revoked", "expired", "signed out"] as const)(
        "as a %s member: the session is over, and nothing changes",
        async (kind) => {
          const world = await arrange("admin");
          if (kind === "revoked")
            await getDb()
              .update(memberships)
              .set({ state: "revoked" })
              .where(eq(memberships.id, world.me.membership.id));
          if (kind === "expired")
            await getDb()
              .update(memberships)
              .set({ roles: ["expert"], accessTill: new Date(Date.now() - 60_000) })
              .where(eq(memberships.id, world.me.membership.id));
          // The real check every request makes: a revoked or expired member's session no longer validates.
          caller.member = kind === "signed out" ? null : await validateSession(world.sessionId);
          expect(caller.member).toBeNull();
          const before = await snapshot(world.account.id);
          expect(await run(action, form(REQUESTS[op.name](world)))).toEqual({ ok: false, message: SESSION_ENDED });
          expect(await snapshot(world.account.id)).toEqual(before);
        },
      );
    });
  }
});

describe("authorization matrix: REST API", () => {
  it("covers every documented endpoint", () => {
    // The document's paths are relative to its server, /api/v1.
    const documented = documentedOperations(loadDocument()).map((o) => o.replace(" /", " /api/v1/"));
    expect(ENDPOINTS.map((e) => e.route).sort()).toEqual(documented.sort());
  });

  for (const endpoint of ENDPOINTS) {
    describe(endpoint.route, () => {
      it.each(ROLES)(
        `with a key of a %s: allowed exactly when the permission table grants ${endpoint.permission ?? "(any member)"}`,
        async (role) => {
          const world = await arrange(role);
          const { secret } = await makeApiKey(world.account.id, world.me.user.id, `${role} key`);
          const before = await snapshot(world.account.id);
          const response = await callAs(endpoint, world, secret);
          if (endpoint.permission === null || can([role], endpoint.permission)) {
            expect(response.status, `${role}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
          } else {
            expect(response.status, `${role}: ${JSON.stringify(response.body)}`).toBe(403);
            expect(await snapshot(world.account.id)).toEqual(before);
          }
        },
      );

      it("with a key of another account's Admin: this account's members are out of reach and unchanged", async () => {
        const world = await arrange("admin-elsewhere");
        const { secret } = await makeApiKey(world.other.id, world.me.user.id, "Elsewhere");
        const before = await snapshot(world.account.id);
        const response = await callAs(endpoint, world, secret);
        if (endpoint.targeted) expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain(world.target.membership.id);
        expect(await snapshot(world.account.id)).toEqual(before);
      });

      it.each(["revoked", "expired", "without a key"] as const)("%s: 401, and nothing changes", async (kind) => {
        const world = await arrange("admin");
        const { secret } = await makeApiKey(world.account.id, world.me.user.id, "Soon unusable");
        if (kind === "revoked")
          await getDb().update(memberships).set({ state: "revoked" }).where(eq(memberships.id, world.me.membership.id));
        if (kind === "expired")
          await getDb()
            .update(memberships)
            .set({ roles: ["expert"], accessTill: new Date(Date.now() - 60_000) })
            .where(eq(memberships.id, world.me.membership.id));
        const before = await snapshot(world.account.id);
        const response = await callAs(endpoint, world, kind === "without a key" ? undefined : secret);
        expect(response.status).toBe(401);
        expect(await snapshot(world.account.id)).toEqual(before);
      });
    });
  }
});
