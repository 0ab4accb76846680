import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { userAvatars, users } from "../schema";
import { voidPasswordResets } from "./password-resets";

export interface ProfileChange {
  fullName: string;
  timezone: string;
  /** A new image, null to remove it, undefined to keep it. */
  avatar?: { image: Buffer; hash: string } | null;
}

type ProfileFields = { fullName: string; timezone: string; image: "none" | "an image" | "a new image" };

/** Saves a user's own profile; returns what it was and what it is now, for the audit row. */
export async function updateProfile(
  tx: Tx,
  userId: string,
  change: ProfileChange,
): Promise<{ before: ProfileFields; after: ProfileFields } | null> {
  const [current] = await tx
    .select({ fullName: users.fullName, timezone: users.timezone, avatarHash: users.avatarHash })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!current) return null;
  let avatarHash = current.avatarHash;
  if (change.avatar === null) {
    await tx.delete(userAvatars).where(eq(userAvatars.userId, userId));
    avatarHash = null;
  } else if (change.avatar) {
    const { image, hash } = change.avatar;
    await tx
      .insert(userAvatars)
      .values({ userId, hash, image })
      .onConflictDoUpdate({ target: userAvatars.userId, set: { hash, image, updatedAt: sql`now()` } });
    avatarHash = hash;
  }
  await tx
    .update(users)
    .set({ fullName: change.fullName, timezone: change.timezone, avatarHash, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
  const had = current.avatarHash ? "an image" : "none";
  return {
    before: { fullName: current.fullName, timezone: current.timezone, image: had },
    after: {
      fullName: change.fullName,
      timezone: change.timezone,
      image: change.avatar === undefined ? had : change.avatar ? "a new image" : "none",
    },
  };
}

/**
 * Replaces the user's password hash (the caller has checked the current password). Any reset
 * link asked for before stops working: a leaked one must not outlive the new password.
 */
export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
  await voidPasswordResets(tx, userId);
}
