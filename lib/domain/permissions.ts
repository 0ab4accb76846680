/**
 * The one permission table. Every check (`can`) and the "Access Details" list
 * (`featuresOf`) read it; a role or permission not listed here grants nothing.
 */

export const ROLES = [
  "admin",
  "communication_manager",
  "support",
  "expert",
  "whatsapp_only",
  "numbers_read_only",
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  "team.view": "View the team",
  "team.manage": "Invite, edit, revoke, restore and delete team members",
  "team.assign_admin": "Grant the Admin role",
  "settings.manage": "Manage account settings",
  "roles.enable_additional": "Enable additional roles for the account",
  "api_credentials.manage": "Manage API credentials",
  "billing.manage": "Manage billing",
  "audit.view": "View the audit log",
  "platform.configure": "Configure the platform",
  "campaigns.manage": "Manage campaigns",
  "flows.design": "Design communication flows",
  "tools.use": "Use tools",
  "analytics.view": "View analytics",
  "logs.view": "View logs",
  "usage.view": "View usage",
  "whatsapp.use": "Use the WhatsApp channel",
  "whatsapp_campaigns.launch": "Launch WhatsApp campaigns",
  "numbers.view": "View the Numbers page",
} as const;
export type Permission = keyof typeof PERMISSIONS;

interface RoleDefinition {
  label: string;
  description: string;
  /** Additional roles are assignable only once an Expert enables them for the account. */
  additional: boolean;
  permissions: readonly Permission[];
}

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  admin: {
    label: "Admin",
    description: "Access to all features: manage the team, settings, API credentials and billing; logs and usage.",
    additional: false,
    permissions: ALL.filter((p) => p !== "roles.enable_additional"),
  },
  communication_manager: {
    label: "Communication Manager",
    description: "Design communication flows, manage campaigns and use tools; logs, analytics and usage.",
    additional: false,
    permissions: ["campaigns.manage", "flows.design", "tools.use", "logs.view", "analytics.view", "usage.view"],
  },
  support: {
    label: "Support",
    description: "Logs and usage only.",
    additional: false,
    permissions: ["logs.view", "usage.view"],
  },
  expert: {
    label: "Expert",
    description: "Vendor personnel helping the account: configure the platform, view the team, logs and usage.",
    additional: false,
    permissions: ["platform.configure", "team.view", "logs.view", "usage.view", "roles.enable_additional"],
  },
  whatsapp_only: {
    label: "WhatsApp Only",
    description: "The WhatsApp channel and WhatsApp campaigns only.",
    additional: true,
    permissions: ["whatsapp.use", "whatsapp_campaigns.launch"],
  },
  numbers_read_only: {
    label: "Numbers Read-Only",
    description: "The Numbers page only.",
    additional: true,
    permissions: ["numbers.view"],
  },
};

function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_DEFINITIONS, value);
}

/** The union of what the roles grant; unknown role names grant nothing (fail closed). */
export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    if (isRole(role)) for (const p of ROLE_DEFINITIONS[role].permissions) granted.add(p);
  }
  return granted;
}

export function can(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}

/** Human-readable features, in table order: the "Access Details" list. */
export function featuresOf(roles: readonly string[]): string[] {
  const granted = permissionsOf(roles);
  return ALL.filter((p) => granted.has(p)).map((p) => PERMISSIONS[p]);
}

/**
 * Why someone with `actorRoles` may not give `role` to the person at `domain`, or null when
 * they may. Expert is for the platform vendor's personnel: only addresses in the deployment's
 * vendor domains may hold it, whoever grants it. Otherwise nobody grants a role carrying a
 * permission they do not hold themselves, except that an Admin may grant Expert (whose one
 * permission beyond theirs, enabling additional roles, is the vendor's to use). Every way of
 * granting a role (Add New User, Edit, Import CSV, the API) asks this.
 */
export function grantRefusal(
  actorRoles: readonly string[],
  role: Role,
  domain: string,
  vendorDomains: readonly string[],
): string | null {
  const { label, permissions } = ROLE_DEFINITIONS[role];
  if (role === "expert") {
    if (!vendorDomains.includes(domain)) {
      return `${label} is for the platform vendor's personnel: only ${vendorDomains.map((d) => `@${d}`).join(", ")} addresses can be made ${label}.`;
    }
    if (actorRoles.includes("admin")) return null;
  }
  const held = permissionsOf(actorRoles);
  const missing = permissions.filter((p) => !held.has(p));
  if (missing.length === 0) return null;
  return `You cannot grant "${label}": it includes ${missing.map((p) => `"${PERMISSIONS[p]}"`).join(", ")}, which your roles do not.`;
}

export function roleLabel(role: Role): string {
  return ROLE_DEFINITIONS[role].label;
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, "");

/** A role from its label or id as people write them in a CSV ("Numbers Read-Only", "numbers_read_only"). */
export function roleFromName(name: string): Role | null {
  const key = squash(name);
  return ROLES.find((role) => squash(role) === key || squash(ROLE_DEFINITIONS[role].label) === key) ?? null;
}
