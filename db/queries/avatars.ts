import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { userAvatars } from "../schema";

/** The user's profile image, if `hash` still names the current one. */
export async function findAvatar(db: Db, userId: string, hash: string): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ image: userAvatars.image })
    .from(userAvatars)
    .where(and(eq(userAvatars.userId, userId), eq(userAvatars.hash, hash)));
  return row?.image ?? null;
}
