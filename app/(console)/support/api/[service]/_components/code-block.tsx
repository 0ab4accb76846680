import { ScrollRegion } from "@/components/ui/scroll-region";

/** An example in a labelled region the keyboard can focus and scroll, as long lines need. */
export function CodeBlock({ label, code }: { label: string; code: string }) {
  return (
    <ScrollRegion label={label} className="max-h-96 overflow-auto rounded-md bg-zinc-900">
      <pre className="p-3 font-mono text-xs leading-relaxed text-zinc-100">
        <code>{code}</code>
      </pre>
    </ScrollRegion>
  );
}
