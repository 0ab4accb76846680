"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";

/**
 * Shown for unexpected failures, among them the database being away for a moment (the server
 * answers those with 503 and Retry-After): a way to try again, a reference, never the error.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // The failure was the server's: fetch the page again, then re-render it.
  const tryAgain = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Roster could not show this page</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        This is usually brief: try again in a few seconds. If it keeps happening, give your administrator this
        reference: <code className="font-mono">{error.digest ?? "none"}</code>.
      </p>
      <button
        type="button"
        onClick={tryAgain}
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white"
      >
        Try again
      </button>
    </main>
  );
}
