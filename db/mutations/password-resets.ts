import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { passwordResets, users } from "../schema";

/** Spends every unused reset link of the user: a newer link, or a new password, makes them moot. */
export async function voidPasswordResets(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * Issues a reset link for the user; any earlier unused link of theirs stops working. The
 * user's row is held first, so that simultaneous requests queue up and each voids the one
 * before: only the newest link works, as the reset page says.
 */
export async function createPasswordReset(tx: Tx, userId: string, tokenHash: string): Promise<string> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  await voidPasswordResets(tx, userId);
  const [row] = await tx
    .insert(passwordResets)
    .values({ userId, tokenHash, expiresAt: sql`now() + interval '1 hour'` })
    .returning({ id: passwordResets.id });
  return row.id;
}

/**
 * Spends a reset token and sets the new password hash. One conditional UPDATE accepts
 * the token, so two concurrent submissions cannot both succeed. Returns the user.
 */
export async function consumePasswordReset(
  tx: Tx,
  tokenHash: string,
  passwordHash: string,
): Promise<{ id: string; email: string; fullName: string; timezone: string } | null> {
  const [spent] = await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: passwordResets.userId });
  if (!spent) return null;
  const [user] = await tx
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(eq(users.id, spent.userId))
    .returning({ id: users.id, email: users.email, fullName: users.fullName, timezone: users.timezone });
  // Whatever other link there is, the new password makes it moot.
  await voidPasswordResets(tx, spent.userId);
  return user;
}
