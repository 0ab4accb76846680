import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findMailboxEmail } from "@/db/queries/mailbox";
import { mailboxOpen } from "@/lib/email/mailbox";
import { renderQueued } from "@/lib/email/templates";

export const metadata: Metadata = { title: "Mailbox", robots: { index: false }, referrer: "no-referrer" };

export default async function MailboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await mailboxOpen())) notFound();
  const { id } = await params;
  const email = /^\d{1,15}$/.test(id) ? await findMailboxEmail(getDb(), Number(id)) : null;
  if (!email) notFound();
  // The outbox worker renders an email as it delivers it; one not delivered yet is rendered here, as it will be sent.
  const content =
    email.html !== null && email.text !== null ? { html: email.html, text: email.text } : await renderQueued(email);
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <Link href="/dev/mailbox" className="text-sm text-brand-700 underline">
        Back to Mailbox
      </Link>
      <h1 className="mt-4 text-xl font-semibold">{email.subject}</h1>
      <p className="text-sm text-zinc-600">To {email.toAddress}</p>
      {content ? (
        <>
          {/* Sandboxed: the email's HTML runs no script; its links open in a new tab, as in a mail client. */}
          <iframe
            title={`Email: ${email.subject}`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={`<base target="_blank">${content.html}`}
            className="mt-6 h-[640px] w-full rounded-lg border border-zinc-200 bg-white"
          />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium">Plain-text version</summary>
            <pre className="mt-2 whitespace-pre-wrap rounded-lg border border-zinc-200 bg-white p-4 text-sm">
              {content.text}
            </pre>
          </details>
        </>
      ) : (
        <p className="mt-6 text-zinc-600">This email cannot be shown.</p>
      )}
    </main>
  );
}
