import { describe, expect, it } from "vitest";
import {
  PERMISSIONS,
  ROLES,
  ROLE_DEFINITIONS,
  can,
  featuresOf,
  permissionsOf,
  roleLabel,
  type Permission,
} from "@/lib/domain/permissions";

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
const MAIN_ROLES = ["admin", "communication_manager", "support", "expert"] as const;
const ADDITIONAL_ROLES = ["whatsapp_only", "numbers_read_only"] as const;

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

describe("role definitions", () => {
  it("defines every role in ROLES, and nothing else", () => {
    expect(sorted(Object.keys(ROLE_DEFINITIONS))).toEqual(sorted(ROLES));
    for (const role of ROLES) {
      const def = ROLE_DEFINITIONS[role];
      expect(def, role).toBeDefined();
      expect(def.label.length, role).toBeGreaterThan(0);
      expect(def.description.length, role).toBeGreaterThan(0);
      expect(roleLabel(role)).toBe(def.label);
    }
  });

  it("only grants permissions that exist in the PERMISSIONS table", () => {
    for (const role of ROLES) {
      for (const p of ROLE_DEFINITIONS[role].permissions) {
        expect(Object.hasOwn(PERMISSIONS, p), `${role} → ${p}`).toBe(true);
      }
    }
  });

  it("uses the labels of the specification", () => {
    expect(roleLabel("admin")).toBe("Admin");
    expect(roleLabel("communication_manager")).toBe("Communication Manager");
    expect(roleLabel("support")).toBe("Support");
    expect(roleLabel("expert")).toBe("Expert");
    expect(roleLabel("whatsapp_only")).toBe("WhatsApp Only");
    expect(roleLabel("numbers_read_only")).toBe("Numbers Read-Only");
  });

  it("flags the two additional roles as additional and the four main roles as not", () => {
    for (const role of ADDITIONAL_ROLES) expect(ROLE_DEFINITIONS[role].additional, role).toBe(true);
    for (const role of MAIN_ROLES) expect(ROLE_DEFINITIONS[role].additional, role).toBe(false);
    expect(ROLES.filter((r) => ROLE_DEFINITIONS[r].additional).sort()).toEqual([...ADDITIONAL_ROLES].sort());
  });
});

describe("permissionsOf / can", () => {
  it("gives Admin every permission except roles.enable_additional", () => {
    const admin = permissionsOf(["admin"]);
    expect(sorted(admin)).toEqual(sorted(ALL_PERMISSIONS.filter((p) => p !== "roles.enable_additional")));
    expect(can(["admin"], "roles.enable_additional")).toBe(false);
    for (const p of [
      "team.manage",
      "team.assign_admin",
      "settings.manage",
      "api_credentials.manage",
      "billing.manage",
    ] as const) {
      expect(can(["admin"], p), p).toBe(true);
    }
  });

  it("gives Support exactly logs.view and usage.view", () => {
    expect(sorted(permissionsOf(["support"]))).toEqual(["logs.view", "usage.view"]);
    expect(can(["support"], "team.view")).toBe(false);
    expect(can(["support"], "team.manage")).toBe(false);
  });

  it("lets an Expert view the team and enable additional roles, but not manage the team", () => {
    expect(can(["expert"], "team.view")).toBe(true);
    expect(can(["expert"], "roles.enable_additional")).toBe(true);
    expect(can(["expert"], "team.manage")).toBe(false);
    expect(can(["expert"], "team.assign_admin")).toBe(false);
    expect(can(["expert"], "billing.manage")).toBe(false);
  });

  it("gives the additional roles only their own channel", () => {
    expect(sorted(permissionsOf(["whatsapp_only"]))).toEqual(["whatsapp.use", "whatsapp_campaigns.launch"]);
    expect(sorted(permissionsOf(["numbers_read_only"]))).toEqual(["numbers.view"]);
  });

  it("grants the union of the roles held", () => {
    expect(sorted(permissionsOf(["support", "numbers_read_only"]))).toEqual([
      "logs.view",
      "numbers.view",
      "usage.view",
    ]);
    expect(can(["support", "numbers_read_only"], "numbers.view")).toBe(true);
    expect(can(["support", "numbers_read_only"], "logs.view")).toBe(true);
    expect(can(["support", "numbers_read_only"], "whatsapp.use")).toBe(false);

    // Admin + Expert together is the only way to hold everything.
    expect(sorted(permissionsOf(["admin", "expert"]))).toEqual(sorted(ALL_PERMISSIONS));
  });

  it("ignores duplicated roles", () => {
    expect(sorted(permissionsOf(["support", "support"]))).toEqual(sorted(permissionsOf(["support"])));
  });

  it("grants nothing for no roles", () => {
    expect(permissionsOf([]).size).toBe(0);
    for (const p of ALL_PERMISSIONS) expect(can([], p), p).toBe(false);
  });

  it.each(["superuser", "__proto__", "constructor", "toString", "hasOwnProperty", "", "Admin", "ADMIN", " admin"])(
    "fails closed for the unknown role %j",
    (role) => {
      expect(permissionsOf([role]).size).toBe(0);
      for (const p of ALL_PERMISSIONS) expect(can([role], p), p).toBe(false);
      expect(featuresOf([role])).toEqual([]);
    },
  );

  it("keeps what known roles grant when an unknown role is mixed in, and adds nothing", () => {
    expect(sorted(permissionsOf(["support", "__proto__", "superuser"]))).toEqual(["logs.view", "usage.view"]);
    expect(can(["support", "constructor"], "team.manage")).toBe(false);
  });
});

describe("featuresOf", () => {
  it("returns the PERMISSIONS labels in table order", () => {
    const tableOrder = Object.values(PERMISSIONS);
    expect(featuresOf(["admin", "expert"])).toEqual(tableOrder);
    expect(featuresOf(["support"])).toEqual([PERMISSIONS["logs.view"], PERMISSIONS["usage.view"]]);

    const features = featuresOf(["numbers_read_only", "whatsapp_only", "support", "communication_manager"]);
    const indices = features.map((label) => tableOrder.indexOf(label as (typeof tableOrder)[number]));
    expect(indices.every((i) => i >= 0)).toBe(true);
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
  });

  it("lists shared permissions once", () => {
    // logs.view and usage.view are in support, expert and communication_manager.
    const features = featuresOf(["support", "expert", "communication_manager"]);
    expect(new Set(features).size).toBe(features.length);
    expect(features.filter((f) => f === PERMISSIONS["logs.view"])).toHaveLength(1);
    expect(features).toHaveLength(permissionsOf(["support", "expert", "communication_manager"]).size);
  });

  it("matches permissionsOf for every single role", () => {
    for (const role of ROLES) {
      expect(sorted(featuresOf([role])), role).toEqual(sorted([...permissionsOf([role])].map((p) => PERMISSIONS[p])));
    }
  });
});
