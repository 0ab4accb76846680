import { highlight } from "@/lib/kb/highlight";

/** Text with the query's words marked. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((piece, i) =>
        piece.match ? (
          <mark key={i} className="rounded-sm bg-amber-100 text-inherit">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
