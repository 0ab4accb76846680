import "server-only";
import MarkdownIt from "markdown-it";

// Raw HTML in the source is never passed through (html: false): a <script> or an
// onerror= attribute comes out as visible text. A link may go to the web, to an email
// address or stay on this site; anything with another scheme (javascript:, data:,
// vbscript:, and look-alikes such as "java%09script:") is refused: a colon before the
// first "/", "?" or "#" counts as a scheme.
const ALLOWED_SCHEME = /^(?:https?|mailto):/i;
const HAS_SCHEME = /^[^/?#]*:/;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });
markdown.validateLink = (url) => ALLOWED_SCHEME.test(url) || !HAS_SCHEME.test(url);
// Links to other sites open elsewhere and do not tell them where they came from.
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
markdown.renderer.rules.link_open = (tokens, i, options, env, self) => {
  const href = tokens[i].attrGet("href") ?? "";
  if (/^https?:/i.test(href)) {
    tokens[i].attrSet("rel", "noopener noreferrer nofollow");
    tokens[i].attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, i, options, env, self);
};

declare const sanitised: unique symbol;
/**
 * HTML that renderMarkdown produced. Only this type may be inserted into a page
 * (components/markdown.tsx) or stored as an article's HTML (kb_articles.html), so the
 * compiler refuses any other string on the way there.
 */
export type SanitisedHtml = string & { readonly [sanitised]: true };

/** Markdown as safe HTML: no raw HTML, no script or data links. */
export function renderMarkdown(source: string): SanitisedHtml {
  return markdown.render(source) as SanitisedHtml;
}

/** The words of Markdown without its markup: what full-text search reads. */
export function markdownText(source: string): string {
  return renderMarkdown(source)
    .replace(/<[^>]+>/g, " ")
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? " ",
    )
    .replace(/\s+/g, " ")
    .trim();
}
