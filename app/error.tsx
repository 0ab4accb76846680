"use client";

/** Shown for unexpected failures: a reference, never the error itself. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-zinc-600">
        The page could not be shown. Nothing you entered was lost. Try again, and if it keeps happening, give your
        administrator this reference: <code className="font-mono">{error.digest ?? "none"}</code>.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
