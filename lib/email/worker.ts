import "server-only";
import type { Db } from "@/db/client";
import { describeError } from "@/db/errors";
import { claimDueEmails, markAttemptFailed, markSent, releaseClaims } from "@/db/mutations/outbox";
import { log } from "@/lib/server/log";
import type { OutboxEmail } from "@/db/schema";
import { renderQueued } from "./templates";
import type { Transport } from "./transport";

export const MAX_ATTEMPTS = 12;

/** Exponential backoff with jitter: 2 s, 4 s, 8 s ... capped at 15 minutes. */
export function backoffMs(attempt: number, baseMs = 2_000): number {
  const capped = Math.min(baseMs * 2 ** (attempt - 1), 15 * 60_000);
  return Math.round(capped * (0.75 + Math.random() * 0.5));
}

/** What an email says: rendered here from its template and props, unless it came written. */
async function contentOf(email: OutboxEmail): Promise<{ html: string; text: string } | null> {
  if (email.html !== null && email.text !== null) return { html: email.html, text: email.text };
  return renderQueued(email);
}

/**
 * Delivers what is due now, rendering each email first (off any request: whoever queued it
 * has had their answer); returns how many were sent. Safe to run on every server at once.
 * `stopping` is asked before each email: once it says so, the rest go back to the outbox.
 */
export async function deliverDueEmails(
  db: Db,
  transport: Transport,
  options: { batch?: number; baseBackoffMs?: number; stopping?: () => boolean } = {},
): Promise<number> {
  const claimed = await claimDueEmails(db, options.batch ?? 20);
  let sent = 0;
  for (const [index, email] of claimed.entries()) {
    if (options.stopping?.()) {
      await releaseClaims(
        db,
        claimed.slice(index).map((e) => e.id),
      );
      break;
    }
    const content = await contentOf(email).catch((error: unknown) => {
      log("error", "email_render_failed", { id: email.id, kind: email.kind, error: describeError(error) });
      return null;
    });
    if (!content) {
      // Not a delivery problem: retrying would only fail the same way.
      await markAttemptFailed(db, email.id, `could not render a ${email.kind} email`, "give-up");
      continue;
    }
    const result = await transport
      .send({ ...email, ...content })
      .catch((error: unknown): { ok: false; error: string; retryable: boolean } => ({
        ok: false,
        error: String(error),
        retryable: true,
      }));
    if (result.ok) {
      await markSent(db, email.id, result.id, content);
      sent++;
      log("info", "email_sent", { id: email.id, kind: email.kind, transport: transport.name, attempt: email.attempts });
      continue;
    }
    const giveUp = !result.retryable || email.attempts >= MAX_ATTEMPTS;
    await markAttemptFailed(
      db,
      email.id,
      result.error,
      giveUp ? "give-up" : { delayMs: backoffMs(email.attempts, options.baseBackoffMs) },
    );
    log(giveUp ? "error" : "warn", giveUp ? "email_failed" : "email_retry", {
      id: email.id,
      kind: email.kind,
      attempt: email.attempts,
      error: result.error,
    });
  }
  return sent;
}
