import { html } from "hono/html";
import { tableCells } from "../text/paragraph-kind.js";
import type { Paragraph } from "../types.js";
import { citationLabel } from "../text/citation-label.js";
import { wholeCharacters } from "../text/whole-characters.js";

/**
 * A paragraph's text shown as what it is (heading, item, row, code), as text: nothing in it is
 * markup. Its direction comes from its own first letter (dir="auto"): an Arabic or Hebrew
 * paragraph reads right to left, its full stop at its end and a Latin word in it (HTTPS) where
 * it stands, while the page around it stays left to right. Code is always left to right.
 */
function block(p: Paragraph, text: string) {
  if (p.kind === "code") return html`<pre data-language="${p.language ?? ""}"><code>${text}</code></pre>`;
  if (p.kind === "table-row") return html`<p class="row" dir="auto">${(text === p.text && p.cells ? p.cells : tableCells(text)).map((cell) => html`<span dir="auto">${cell}</span>`)}</p>`;
  return html`<p class="${p.kind}" dir="auto">${text}</p>`;
}

/**
 * A paragraph as shown: whole, or its first MAX_SHOWN_CHARS with a link to a page of it alone,
 * whole (a reader clicking "whole paragraph" wants to read it, not its JSON).
 */
function shownParagraph(p: Paragraph, whole = false) {
  if (whole || p.text.length <= MAX_SHOWN_CHARS) return block(p, p.text);
  const shown = wholeCharacters(p.text, MAX_SHOWN_CHARS);
  return html`<div>${block(p, shown)}<span class="more"> … ${p.text.length - shown.length} more characters (<a href="${wholeHref(p)}">whole paragraph</a>)</span></div>`;
}

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
  /** The document's own title (Markdown front matter), shown above its path. */
  title?: string;
  /** Show the highlighted paragraph alone and whole, however long (the "whole paragraph" link). */
  whole?: boolean;
}

const encodedPath = (file: string) => file.split("/").map(encodeURIComponent).join("/");
const pageHref = (file: string, page: number) => `/sources/${encodedPath(file)}?page=${page}`;
const wholeHref = (p: Paragraph) => `/sources/${encodedPath(p.file)}?p=${p.n}&whole=1`;

/** A PDF page's heading: its number and a link to the PDF itself open at that page. */
function pdfPageHeading(file: string, page: number) {
  return html`<h2 class="pdf-page" id="page${page}">Page ${page} · <a href="/originals/${encodedPath(file)}#page=${page}" target="_blank" rel="noopener">open the PDF at page ${page}</a></h2>
`;
}

/** A paragraph's number as a reader cites it: ¶n, or on a PDF page ¶m of that page. */
const paragraphLabel = (p: Paragraph) => (p.page !== undefined && p.pageParagraph !== undefined ? `¶${p.pageParagraph}` : `¶${p.n}`);
const paragraphName = (p: Paragraph) =>
  p.page !== undefined && p.pageParagraph !== undefined ? `Page ${p.page}, paragraph ${p.pageParagraph} (paragraph ${p.n} of the document)` : `Paragraph ${p.n}`;

/**
 * A document as a page: every paragraph numbered and anchored (#p10) so citations can link to
 * it, the cited one highlighted, each rendered by its kind (a heading as a heading, code as
 * code). A PDF's paragraphs are shown under their page, each numbered within it as citations
 * number them, with a link to the PDF itself at that page. Rendering is text only — every piece of document text goes through html`` escaping, no
 * document markup is passed on — so a paragraph holding <script> shows as text and nothing runs.
 */
export function sourcePage(file: string, paragraphs: Paragraph[], options: SourcePageOptions = {}) {
  const { highlight, title } = options;
  const pages = Math.max(1, Math.ceil(paragraphs.length / PARAGRAPHS_PER_PAGE));
  const wanted = highlight && highlight >= 1 && highlight <= paragraphs.length ? Math.ceil(highlight / PARAGRAPHS_PER_PAGE) : (options.page ?? 1);
  const page = Math.min(Math.max(1, wanted), pages);
  const cited = highlight ? paragraphs[highlight - 1] : undefined;
  const alone = options.whole && cited !== undefined;
  const shown = alone ? [cited] : paragraphs.slice((page - 1) * PARAGRAPHS_PER_PAGE, page * PARAGRAPHS_PER_PAGE);
  const nav = alone
    ? html`<nav class="pages">${paragraphName(cited)} of ${paragraphs.length}, whole · <a href="/sources/${encodedPath(file)}?p=${cited.n}#p${cited.n}">the document around it</a></nav>`
    : pages > 1
      ? html`<nav class="pages">Paragraphs ${shown[0]?.n}–${shown[shown.length - 1]?.n} of ${paragraphs.length} ·
${page > 1 ? html`<a href="${pageHref(file, page - 1)}" rel="prev">previous</a>` : ""}
${page < pages ? html`<a href="${pageHref(file, page + 1)}" rel="next">next</a>` : ""}</nav>`
      : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${cited ? citationLabel({ ...cited, file: title ?? file, paragraph: cited.n }) : (title ?? file)}</title>
<style>
  body { font: 17px/1.6 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.1rem; font-family: ui-monospace, monospace; word-break: break-all; }
  /* minmax(0, …) and overflow-wrap: a long URL or error code wraps, never widens the page. */
  .para { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr); gap: .5rem; margin: 0; padding: .35rem .5rem; border-radius: 6px; scroll-margin-top: 30vh; }
  .para a { color: #7a8194; text-decoration: none; font: 13px ui-monospace, monospace; padding-top: .2rem; }
  .para p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .para p.heading { font-weight: 700; font-size: 1.15rem; }
  .para p.list-item::before { content: "•"; margin-inline-end: .5rem; color: #7a8194; }
  .para p.row { display: flex; gap: 1rem; }
  .para p.row span { flex: 1 1 0; min-width: 0; }
  .para pre { margin: 0; padding: .6rem .8rem; overflow-x: auto; background: #f3f4f7; border-radius: 6px; font: 14px/1.45 ui-monospace, monospace; min-width: 0; }
  .para.cited, .para:target { background: #fff4c2; box-shadow: inset 4px 0 #e0a800; }
  .doc-title { font-size: 1.5rem; margin: 0 0 .25rem; }
  .pages, .more { color: #6b7280; font-size: .9rem; }
  h2.pdf-page { font-size: .95rem; color: #4a5163; border-top: 1px solid #e3e5ea; padding-top: .6rem; margin: 1.4rem 0 .4rem; }
</style>
</head>
<body>
${title ? html`<p class="doc-title" dir="auto">${title}</p>` : ""}
<h1>${file}</h1>
${nav}
${shown.map(
  (p, i) => html`${p.page !== undefined && p.page !== shown[i - 1]?.page ? pdfPageHeading(file, p.page) : ""}<div class="para${p.n === highlight ? " cited" : ""}" id="p${p.n}" data-paragraph="${p.n}"${
    p.page !== undefined ? html` data-page="${p.page}"` : ""
  }${p.n === highlight ? html` aria-current="true"` : ""}><a href="#p${p.n}" aria-label="${paragraphName(p)}">${paragraphLabel(p)}</a>${shownParagraph(p, alone)}</div>
`,
)}
${nav}
</body>
</html>`;
}
