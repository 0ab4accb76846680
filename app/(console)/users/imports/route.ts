import { z } from "zod";
import { getDb } from "@/db/client";
import { findJobProgress } from "@/db/queries/background-jobs";
import { memberRead } from "@/lib/actions/console-route";
import type { ImportJobResult } from "@/lib/members/import-job";
import type { ImportProgress } from "@/lib/members/import-progress";

const NO_STORE = { "cache-control": "no-store" };

/** An import's progress, as Import CSV's dialog polls it: counts while it runs, the rows not invited once it ends. */
export const GET = memberRead(
  { name: "member.import", permission: "team.manage", schema: z.strictObject({ job: z.uuid("Unknown import.") }) },
  async ({ job }, { member }) => {
    const found = await findJobProgress(getDb(), member.account.id, job);
    if (!found) return Response.json({ error: "Unknown import." }, { status: 404, headers: NO_STORE });
    const result = (found.result as ImportJobResult | null) ?? { invited: 0, refused: [] };
    const finished = found.status === "done" || found.status === "failed";
    const progress: ImportProgress = {
      status: found.status,
      total: found.total,
      done: found.done,
      invited: result.invited,
      refusedCount: result.refused.length,
      refused: finished ? result.refused : null,
      error: found.error,
    };
    return Response.json(progress, { headers: NO_STORE });
  },
);
