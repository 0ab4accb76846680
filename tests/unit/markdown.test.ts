import { describe, expect, it } from "vitest";
import { markdownText, renderMarkdown, type SanitisedHtml } from "@/lib/text/markdown";

describe("Markdown (knowledge-base articles, API documents)", () => {
  it("keeps web, email and relative links; web links open apart and tell nothing of where they came from", () => {
    const html = renderMarkdown(
      "[a](https://example.com/x) [b](mailto:help@example.com) [c](/support) [d](#op-listUsers) [e](../kb) [f](restore-access)",
    );
    expect(html).toContain('<a href="https://example.com/x" rel="noopener noreferrer nofollow" target="_blank">a</a>');
    for (const href of ["mailto:help@example.com", "/support", "#op-listUsers", "../kb", "restore-access"])
      expect(html).toContain(`<a href="${href}">`);
  });

  it("passes no raw HTML, no event handlers and no script, data or disguised links", () => {
    const attacks = [
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](java&#x09;script:alert(1))",
      "[x](java%09script:alert(1))",
      "[x](data:text/html,<script>alert(1)</script>)",
      "[x](vbscript:msgbox)",
      "![x](javascript:alert(1))",
      "<javascript:alert(1)>",
    ];
    for (const source of attacks) expect(renderMarkdown(source), source).not.toMatch(/<a |<img /);
    const article =
      'Hello <script>alert(1)</script> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">click</a>';
    const html = renderMarkdown(article);
    expect(html).not.toMatch(/<script|<img|<a /);
    // What was written stays readable, as text.
    expect(html).toContain("&lt;script&gt;");
    expect(markdownText(article)).toContain("<script>alert(1)</script>");
  });

  it("only renderMarkdown's output has the type that may be inserted as HTML (the compiler checks the rest)", () => {
    const hostile = '<img src=x onerror="alert(1)">';
    // @ts-expect-error a plain string is not sanitised HTML: it cannot reach <Markdown html> or kb_articles.html
    const unchecked: SanitisedHtml = hostile;
    const checked: SanitisedHtml = renderMarkdown(hostile);
    expect(checked).not.toMatch(/<img/);
    expect(unchecked).toMatch(/<img/);
  });
});
