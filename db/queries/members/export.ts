import "server-only";
import { eq } from "drizzle-orm";
import type { MemberView } from "@/lib/domain/member-view";
import type { Db } from "../../client";
import { memberships } from "../../schema";
import { allOf, filterCondition, searchCondition } from "./filter-sql";
import { fetchPage } from "./keyset";
import type { MemberRow } from "./row";

/**
 * Every member a view's search and filters match, by name, `batch` at a time: each batch
 * continues after the last one's cursor, so the cost per batch stays flat however deep the export goes.
 */
export async function* exportMembers(
  db: Db,
  accountId: string,
  view: Pick<MemberView, "q" | "filter">,
  batch = 1000,
): AsyncGenerator<MemberRow[]> {
  const where = allOf(
    eq(memberships.accountId, accountId),
    view.q ? searchCondition(view.q) : undefined,
    ...view.filter.map(filterCondition),
  );
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(db, where, { q: view.q, filter: view.filter, sort: "name", dir: "asc", after }, batch);
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
