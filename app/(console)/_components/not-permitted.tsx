/** What a page says to a member whose roles do not reach it: which part, and whom to ask. */
export function NotPermitted({
  accountName,
  what,
  ask = "it",
  title,
}: {
  accountName: string;
  /** The part of the console, as in "do not include managing API keys". */
  what: string;
  /** What to ask an Admin for. */
  ask?: string;
  title?: string;
}) {
  return (
    <section className="max-w-xl">
      {title ? <h1 className="mb-2 text-xl font-semibold">{title}</h1> : null}
      <p className="text-zinc-600">
        Your roles in {accountName} do not include {what}. Ask an Admin if you need {ask}.
      </p>
    </section>
  );
}
