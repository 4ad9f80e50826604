import { html } from "hono/html";
import type { Paragraph } from "../types.js";

/**
 * Pages of a document are capped so one request cannot make the server build a page of many
 * megabytes (issue 13: a 19 MB document made a 24 MB page in 0.5 s, every time). 200 paragraphs
 * is about ten seed articles; a paragraph shows at most 20,000 characters (a long article
 * paragraph is ~2,000), the rest is one click away as JSON. A page is thus at most ~4 MB.
 */
export const PARAGRAPHS_PER_PAGE = 200;
export const MAX_SHOWN_CHARS = 20_000;

export interface SourcePageOptions {
  /** The cited paragraph: highlighted, and its page is the one shown. */
  highlight?: number;
  /** 1-based page, when no paragraph is highlighted. */
  page?: number;
}

const pageHref = (file: string, page: number) => `/sources/${file.split("/").map(encodeURIComponent).join("/")}?page=${page}`;

/**
 * A document as a page: every paragraph numbered and anchored (#p10) so citations can link to
 * it, the cited one highlighted. All document text goes through html`` escaping: a paragraph
 * holding <script> shows as text.
 */
export function sourcePage(file: string, paragraphs: Paragraph[], options: SourcePageOptions = {}) {
  const { highlight } = options;
  const pages = Math.max(1, Math.ceil(paragraphs.length / PARAGRAPHS_PER_PAGE));
  const wanted = highlight && highlight >= 1 && highlight <= paragraphs.length ? Math.ceil(highlight / PARAGRAPHS_PER_PAGE) : (options.page ?? 1);
  const page = Math.min(Math.max(1, wanted), pages);
  const shown = paragraphs.slice((page - 1) * PARAGRAPHS_PER_PAGE, page * PARAGRAPHS_PER_PAGE);
  const nav =
    pages > 1
      ? html`<nav class="pages">Paragraphs ${shown[0]?.n}–${shown[shown.length - 1]?.n} of ${paragraphs.length} ·
${page > 1 ? html`<a href="${pageHref(file, page - 1)}" rel="prev">previous</a>` : ""}
${page < pages ? html`<a href="${pageHref(file, page + 1)}" rel="next">next</a>` : ""}</nav>`
      : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${file}${highlight ? ` ¶${highlight}` : ""}</title>
<style>
  body { font: 17px/1.6 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.1rem; font-family: ui-monospace, monospace; word-break: break-all; }
  .para { display: grid; grid-template-columns: 3.2rem 1fr; gap: .5rem; margin: 0; padding: .35rem .5rem; border-radius: 6px; scroll-margin-top: 30vh; }
  .para a { color: #7a8194; text-decoration: none; font: 13px ui-monospace, monospace; padding-top: .2rem; }
  .para p { margin: 0; white-space: pre-wrap; }
  .para.cited, .para:target { background: #fff4c2; box-shadow: inset 4px 0 #e0a800; }
  .pages, .more { color: #6b7280; font-size: .9rem; }
</style>
</head>
<body>
<h1>${file}</h1>
${nav}
${shown.map(
  (p) => html`<div class="para${p.n === highlight ? " cited" : ""}" id="p${p.n}" data-paragraph="${p.n}"${
    p.n === highlight ? html` aria-current="true"` : ""
  }><a href="#p${p.n}" aria-label="Paragraph ${p.n}">¶${p.n}</a><p>${p.text.length > MAX_SHOWN_CHARS ? html`${p.text.slice(0, MAX_SHOWN_CHARS)}<span class="more"> … ${p.text.length - MAX_SHOWN_CHARS} more characters (<a href="/sources/${p.file.split("/").map(encodeURIComponent).join("/")}/${p.n}">whole paragraph</a>)</span>` : p.text}</p></div>
`,
)}
${nav}
</body>
</html>`;
}
