import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { endSession, touchSession, type EndReason } from "@/db/mutations/sessions";
import { findSession } from "@/db/queries/sessions";
import type { SessionContext } from "@/lib/domain/member-context";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";

const MINUTE = 60_000;

/** Why a session row may no longer be used, or null while it may. */
export function sessionEndReason(
  row: { endedAt: Date | null; createdAt: Date; lastSeenAt: Date; context: SessionContext | null },
  now = Date.now(),
): EndReason | "ended" | null {
  if (row.endedAt) return "ended";
  if (now - row.createdAt.getTime() >= env().SESSION_MAX_HOURS * 60 * MINUTE) return "expired";
  if (now - row.lastSeenAt.getTime() >= env().SESSION_IDLE_MINUTES * MINUTE) return "idle";
  if (!row.context) return "inactive";
  return null;
}

/**
 * The session's member context, or null when the session must end (signed out, idle,
 * past its absolute limit, member revoked, expired or deleted). Called by the `jwt`
 * callback on every request; cached per request so the page and its actions share it.
 */
export const validateSession = cache(async (sessionId: string): Promise<SessionContext | null> => {
  const db = getDb();
  const row = await findSession(db, sessionId);
  if (!row) return null;
  const reason = sessionEndReason(row);
  if (reason) {
    if (reason !== "ended") {
      await endSession(db, sessionId, reason);
      log("info", "session_end", { sessionId, reason });
    }
    return null;
  }
  if (Date.now() - row.lastSeenAt.getTime() > MINUTE) await touchSession(db, sessionId);
  return row.context;
});
