import { apiRoute, json } from "@/lib/api/route";
import { permissionsOf } from "@/lib/domain/permissions";

/** Who the key acts as: its creator, the account, their roles and permissions now, and the key itself. */
export const GET = apiRoute("api.me", async ({ member, key }) =>
  json({
    user: {
      id: member.user.id,
      email: member.user.email,
      fullName: member.user.fullName,
      timezone: member.user.timezone,
    },
    account: { id: member.account.id, name: member.account.name },
    membership: {
      id: member.membership.id,
      roles: member.membership.roles,
      accessTill: member.membership.accessTill?.toISOString() ?? null,
    },
    permissions: [...permissionsOf(member.membership.roles)],
    key: { id: key.id, name: key.name, prefix: key.prefix },
  }),
);
