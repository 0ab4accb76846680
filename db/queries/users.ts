import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, users } from "../schema";

/** The credentials needed to check a sign-in; never leaves the server. */
export async function findCredentials(db: Db, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, fullName: users.fullName, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  return row ?? null;
}

/** The account of the user's latest session: sign-in returns them to where they were. */
export async function lastSessionAccountId(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ accountId: sessions.accountId })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .limit(1);
  return row?.accountId ?? null;
}
