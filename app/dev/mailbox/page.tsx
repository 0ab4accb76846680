import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listMailbox } from "@/db/queries/mailbox";
import { mailboxOpen } from "@/lib/email/mailbox";

export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

/**
 * The demo's and development's inbox, open without signing in so a reset link can be read:
 * it exists only where someone turned it on (ROSTER_DEV_MAILBOX, `npm run dev`) and email
 * is not really sent, and answers requests from this machine only (lib/email/mailbox.ts).
 */
export default async function MailboxPage() {
  // Read at request time only: prerendering it during `next build` would open the database.
  await connection();
  if (!(await mailboxOpen())) notFound();
  const emails = await listMailbox(getDb());
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <h1 className="text-xl font-semibold">Mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Email Roster would have sent. This page exists because no <code>RESEND_API_KEY</code> is set and the Mailbox is
        on (<code>ROSTER_DEV_MAILBOX</code>, or <code>npm run dev</code>); it shows every account&apos;s email, so never
        leave it on where others can reach it.
      </p>
      {emails.length === 0 ? (
        <p className="mt-6 text-zinc-600">No email yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white">
          {emails.map((email) => (
            <li key={email.id}>
              <Link href={`/dev/mailbox/${email.id}`} className="flex justify-between gap-4 px-4 py-3 hover:bg-zinc-50">
                <span>
                  <span className="block font-medium">{email.subject}</span>
                  <span className="block text-sm text-zinc-600">To {email.toAddress}</span>
                </span>
                <time dateTime={email.createdAt.toISOString()} className="shrink-0 text-sm text-zinc-500">
                  {email.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
