import "server-only";
import { Resend } from "resend";
import type { OutboxEmail } from "@/db/schema";
import { emailTransport, env } from "@/lib/server/env";

export type SendResult = { ok: true; id: string | null } | { ok: false; error: string; retryable: boolean };

/** An email as a transport sends it: rendered. */
export type OutgoingEmail = Pick<OutboxEmail, "toAddress" | "subject" | "idempotencyKey"> & {
  html: string;
  text: string;
};

export interface Transport {
  name: "resend" | "outbox";
  send(email: OutgoingEmail): Promise<SendResult>;
}

/** Resend, through its SDK; `RESEND_BASE_URL` points it at a local fake in tests. */
export function resendTransport(apiKey: string, baseUrl?: string, from = env().EMAIL_FROM): Transport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await resend.emails.send(
        { from, to: email.toAddress, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey },
      );
      if (data) return { ok: true, id: data.id };
      const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
      // No answer, rate limiting and server errors pass; a refused message will not.
      const retryable = status === null || status === 429 || status >= 500;
      return { ok: false, error: `${status ?? "no response"}: ${error?.message ?? "unknown error"}`, retryable };
    },
  };
}

/** The built-in outbox: delivery is the row itself, read at /dev/mailbox. */
export const outboxTransport: Transport = {
  name: "outbox",
  async send() {
    return { ok: true, id: null };
  },
};

export function configuredTransport(): Transport {
  const { RESEND_API_KEY, RESEND_BASE_URL } = env();
  return emailTransport() === "resend" && RESEND_API_KEY
    ? resendTransport(RESEND_API_KEY, RESEND_BASE_URL)
    : outboxTransport;
}
