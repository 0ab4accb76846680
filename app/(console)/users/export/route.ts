import { getDb } from "@/db/client";
import { exportMembers } from "@/db/queries/members/export";
import { memberRoute } from "@/lib/actions/console-route";
import { csvResponse } from "@/lib/csv/write";
import { memberQueryString, STATUS_LABELS } from "@/lib/domain/member-view";
import { roleLabel } from "@/lib/domain/permissions";
import { memberQuerySchema } from "@/lib/validation/member-query";

const iso = (d: Date | null) => d?.toISOString() ?? "";

/** "Export CSV": every member the Users page's current search and filters match, streamed. */
export const GET = memberRoute(
  { name: "member.export", permission: "team.view", schema: memberQuerySchema },
  async (query, { member }) => {
    const rows = exportMembers(getDb(), member.account.id, query);
    async function* cells() {
      for await (const batch of rows) {
        yield batch.map((r) => [
          r.fullName,
          r.email,
          r.roles.map(roleLabel).join("; "),
          STATUS_LABELS[r.status],
          iso(r.lastLoginAt),
          iso(r.accessTill),
          iso(r.invitedAt),
          iso(r.joinedAt),
        ]);
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    return {
      audit: {
        targetType: "account",
        targetId: member.account.id,
        targetLabel: `/users${memberQueryString({ q: query.q, filter: query.filter })}`,
      },
      response: csvResponse(
        `members-${date}.csv`,
        ["Name", "Email", "Roles", "Status", "Last Login (UTC)", "Access Till (UTC)", "Invited (UTC)", "Joined (UTC)"],
        cells(),
      ),
    };
  },
);
