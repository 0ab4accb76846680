import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-zinc-600">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Go to Roster
      </Link>
    </main>
  );
}
