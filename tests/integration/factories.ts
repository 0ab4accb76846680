import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { accounts, apiKeys, memberships, users, type OutboxEmail } from "@/db/schema";
import { newApiKey } from "@/lib/auth/api-key";
import { hashPassword } from "@/lib/auth/password-hash";
import { renderQueued } from "@/lib/email/templates";
import type { Role } from "@/lib/domain/permissions";

export const PASSWORD = "a-long-test-passphrase-42";
let hashed: Promise<string> | undefined;
/** The test password's hash, made once per file (argon2 is slow on purpose). */
function passwordHash(): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  return hashed;
}

/** A fresh account with a unique name: tests never depend on what else is in the database. */
export async function makeAccount(name = `Account ${randomBytes(3).toString("hex")}`) {
  const [account] = await getDb()
    .insert(accounts)
    .values({ name, allowedDomains: ["example.com"], supportEmail: "help@example.com" })
    .returning();
  return account;
}

/** A registered user with a membership in `accountId`. */
export async function makeMember(
  accountId: string,
  options: { roles?: Role[]; state?: "active" | "revoked" | "invited"; accessTill?: Date | null; email?: string } = {},
) {
  const email = options.email ?? `user-${randomBytes(5).toString("hex")}@example.com`;
  const [user] = await getDb()
    .insert(users)
    .values({ email, fullName: `Test ${email.split("@")[0]}`, passwordHash: await passwordHash() })
    .returning();
  const [membership] = await getDb()
    .insert(memberships)
    .values({
      accountId,
      userId: user.id,
      roles: options.roles ?? ["admin"],
      state: options.state ?? "active",
      invitedName: options.state === "invited" ? user.fullName : null,
      accessTill: options.accessTill ?? null,
    })
    .returning();
  return { user, membership };
}

/** An API key of `userId` in `accountId`, stored as the app stores it; returns the secret. */
export async function makeApiKey(accountId: string, userId: string, name = "Test key", lastUsedAt: Date | null = null) {
  const { secret, prefix, secretHash } = newApiKey();
  const [key] = await getDb()
    .insert(apiKeys)
    .values({ accountId, createdById: userId, name, prefix, secretHash, lastUsedAt })
    .returning();
  return { secret, key };
}

/** A queued email as its worker will send it: rendered from its template if it has not been yet. */
export async function rendered(row: OutboxEmail): Promise<OutboxEmail & { html: string; text: string }> {
  if (row.html !== null && row.text !== null) return { ...row, html: row.html, text: row.text };
  const content = await renderQueued(row);
  if (!content) throw new Error(`no template for ${row.kind}`);
  return { ...row, ...content };
}
