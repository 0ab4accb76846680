import { cn } from "@/components/ui/cn";
import { renderMarkdown, type SanitisedHtml } from "@/lib/text/markdown";

// No typography plugin: these few rules give rendered Markdown its spacing, lists and code.
const PROSE =
  "leading-relaxed text-zinc-700 [&>*+*]:mt-3 [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em] [&_code]:text-zinc-800 [&_h2]:mt-6 [&_h2]:text-base [&_h2]:font-semibold [&_h2]:text-zinc-900 [&_h3]:mt-4 [&_h3]:font-semibold [&_li+li]:mt-1 [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-900 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:text-zinc-100 [&_strong]:font-semibold [&_strong]:text-zinc-900 [&_ul]:list-disc [&_ul]:pl-5";

/**
 * Rendered Markdown (knowledge-base articles, API documents). Safe to insert because what is
 * inserted is only ever renderMarkdown's output (no raw HTML, no unsafe link): rendered here
 * from `source`, or stored earlier as `html`, whose type no other string has.
 */
export function Markdown({
  source,
  html,
  large = false,
  className,
}: {
  source?: string;
  html?: SanitisedHtml;
  /** An article's body: body-sized text rather than small. */
  large?: boolean;
  className?: string;
}) {
  const rendered = html ?? (source ? renderMarkdown(source) : "");
  if (!rendered) return null;
  const classes = cn(PROSE, large ? "text-base" : "text-sm", className);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: `rendered` is SanitisedHtml, which only renderMarkdown makes
  return <div className={classes} dangerouslySetInnerHTML={{ __html: rendered }} />;
}
