import { getDb } from "@/db/client";
import { exportAuditEntries } from "@/db/queries/audit-log";
import { memberRoute } from "@/lib/actions/console-route";
import { auditActionLabel } from "@/lib/domain/audit-actions";
import { csvResponse } from "@/lib/csv/write";
import { auditFilterOf, auditQuerySchema, auditQueryString } from "@/lib/validation/audit-query";

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

/** "Export CSV" of the audit log: every entry the filters match, newest first, streamed. */
export const GET = memberRoute(
  { name: "audit.export", permission: "audit.view", schema: auditQuerySchema },
  async (query, { member }) => {
    const entries = exportAuditEntries(getDb(), member.account.id, auditFilterOf(query, member.user.timezone));
    async function* cells() {
      for await (const batch of entries) {
        yield batch.map((e) => [
          e.at.toISOString(),
          e.actorEmail,
          e.actorRoles?.join(" "),
          e.action,
          auditActionLabel(e.action),
          e.outcome,
          e.targetType,
          e.targetLabel,
          e.targetId,
          e.reason,
          json(e.before),
          json(e.after),
          e.ip,
          e.via,
        ]);
      }
    }
    const { actor, action, target, from, to } = query;
    return {
      audit: {
        targetType: "account",
        targetId: member.account.id,
        targetLabel: `/settings/audit${auditQueryString({ actor, action, target, from, to })}`,
      },
      response: csvResponse(
        `audit-log-${new Date().toISOString().slice(0, 10)}.csv`,
        [
          "Time (UTC)",
          "Actor",
          "Actor roles",
          "Action",
          "Action label",
          "Outcome",
          "Target type",
          "Target",
          "Target id",
          "Reason",
          "Before",
          "After",
          "IP Address",
          "Via",
        ],
        cells(),
      ),
    };
  },
);
