import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setPasswordHash, updateProfile } from "@/db/mutations/profile";
import { consume, refund } from "@/db/mutations/rate-limit";
import { endUserSessions } from "@/db/mutations/sessions";
import { listOwnKeys } from "@/db/queries/api-keys";
import { findCredentials } from "@/db/queries/users";
import { revokeOwnApiKeys } from "@/lib/auth/own-api-keys";
import { queuePasswordChangedEmail } from "@/lib/auth/password-changed";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { invalidFields, OperationError } from "@/lib/operations/error";
import { operation, sessionOperation } from "@/lib/operations/operation";
import { changePasswordSchema, profileSchema } from "@/lib/validation/profile";
import { processAvatar } from "./avatar";

/**
 * Save Changes: the signed-in member's own name, timezone and image; there is no id to
 * name anyone else. The image is checked and re-encoded before the transaction opens.
 */
export const saveProfile = operation(
  {
    name: "profile.update",
    permission: null,
    schema: profileSchema,
    async prepare({ image, removeImage }) {
      if (removeImage) return { avatar: null };
      if (!image) return { avatar: undefined };
      const processed = await processAvatar(image);
      if (!processed.ok) throw invalidFields({ image: [processed.message] });
      return { avatar: { image: processed.image, hash: processed.hash } };
    },
  },
  async ({ fullName, timezone }, { tx, member, prepared }) => {
    const result = await updateProfile(tx, member.user.id, { fullName, timezone, avatar: prepared.avatar });
    if (!result) throw new OperationError("not_found", "Your user no longer exists.");
    return {
      message: "Profile saved",
      audit: {
        targetType: "user",
        targetId: member.user.id,
        targetLabel: member.user.email,
        before: result.before,
        after: result.after,
      },
    };
  },
);

const passwordAttempts = (userId: string) => ({ key: `password-change:${userId}`, max: 5, windowSeconds: 15 * 60 });

/**
 * Change password: the current one first, then every other session of theirs ends. Every
 * try counts before the current password is checked (a burst of guesses gets five); the
 * right one is given back, so only wrong guesses use up the allowance. The API keys they
 * created keep working (integrations depend on them), and come back with the answer, so the
 * form can offer to revoke them (revokeOwnKeys) if the password was changed because someone
 * else knew it.
 */
export const changePassword = sessionOperation(
  {
    name: "profile.password_change",
    permission: null,
    schema: changePasswordSchema,
    async prepare({ currentPassword, password }, { member }) {
      const limit = passwordAttempts(member.user.id);
      if (!(await consume(getDb(), limit)).allowed)
        throw new OperationError(
          "throttled",
          "Too many wrong current passwords. Wait 15 minutes and try again, or reset your password.",
        );
      const credentials = await findCredentials(getDb(), member.user.email);
      if (!(await verifyPassword(credentials?.passwordHash, currentPassword)))
        throw invalidFields({ currentPassword: ["That is not your current password."] });
      await refund(getDb(), limit);
      return { passwordHash: await hashPassword(password) };
    },
  },
  async (_input, { tx, member, prepared, request }) => {
    await setPasswordHash(tx, member.user.id, prepared.passwordHash);
    const ended = await endUserSessions(tx, member.user.id, "password_changed", member.sessionId);
    await queuePasswordChangedEmail(tx, member.user, "change", request, []);
    return {
      data: { apiKeys: await listOwnKeys(tx, member.user.id) },
      message: ended
        ? `Password changed. ${ended === 1 ? "Your other session was" : `Your ${ended} other sessions were`} signed out.`
        : "Password changed.",
      audit: {
        targetType: "user",
        targetId: member.user.id,
        targetLabel: member.user.email,
        after: { otherSessionsEnded: ended },
      },
      emails: true,
    };
  },
);

/** "Revoke these keys", offered after a password change: every API key the member created, in every account, stops working. */
export const revokeOwnKeys = operation(
  { name: "api_key.revoke_own", permission: null, schema: z.strictObject({}) },
  async (_input, { tx, member, request }) => {
    const revoked = (await revokeOwnApiKeys(tx, member.user, request, "Revoked by its creator from My Profile")).length;
    return {
      message: revoked
        ? `Revoked ${revoked === 1 ? "your API key" : `your ${revoked} API keys`}`
        : "You have no API keys to revoke.",
      // Each key's revocation is audited in its own account (revokeOwnApiKeys).
      audit: null,
    };
  },
);
