import { highlight } from "@/lib/kb/highlight";

/** Text with the query's words marked; each mark is keyed by where it starts in the text. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  let start = 0;
  return (
    <>
      {highlight(text, query).map((piece) => {
        const at = start;
        start += piece.text.length;
        return piece.match ? (
          <mark key={at} className="rounded-sm bg-amber-100 text-inherit">
            {piece.text}
          </mark>
        ) : (
          piece.text
        );
      })}
    </>
  );
}
