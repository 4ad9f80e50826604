import { html } from "hono/html";
import { tableCells } from "../text/paragraph-kind.js";
import type { Paragraph } from "../types.js";

/** A paragraph shown as what it is (heading, item, row, code), as text: nothing in it is markup. */
function block(p: Paragraph) {
  if (p.kind === "code") return html`<pre data-language="${p.language ?? ""}"><code>${p.text}</code></pre>`;
  if (p.kind === "table-row") return html`<p class="row">${tableCells(p.text).map((cell) => html`<span>${cell}</span>`)}</p>`;
  return html`<p class="${p.kind}">${p.text}</p>`;
}

/**
 * A document as a page: every paragraph numbered and anchored (#p10) so citations can link to
 * it, the cited one highlighted, each rendered by its kind (a heading as a heading, code as
 * code). Rendering is text only — every piece of document text goes through html`` escaping, no
 * document markup is passed on — so a paragraph holding <script> shows as text and nothing runs.
 */
export function sourcePage(file: string, paragraphs: Paragraph[], highlight?: number, title?: string) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title ?? file}${highlight ? ` ¶${highlight}` : ""}</title>
<style>
  body { font: 17px/1.6 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.1rem; font-family: ui-monospace, monospace; word-break: break-all; }
  .para { display: grid; grid-template-columns: 3.2rem 1fr; gap: .5rem; margin: 0; padding: .35rem .5rem; border-radius: 6px; scroll-margin-top: 30vh; }
  .para a { color: #7a8194; text-decoration: none; font: 13px ui-monospace, monospace; padding-top: .2rem; }
  .para p { margin: 0; white-space: pre-wrap; }
  .para p.heading { font-weight: 700; font-size: 1.15rem; }
  .para p.list-item::before { content: "•"; margin-right: .5rem; color: #7a8194; }
  .para p.row { display: flex; gap: 1rem; }
  .para p.row span { flex: 1; }
  .para pre { margin: 0; padding: .6rem .8rem; overflow-x: auto; background: #f3f4f7; border-radius: 6px; font: 14px/1.45 ui-monospace, monospace; min-width: 0; }
  .para.cited, .para:target { background: #fff4c2; box-shadow: inset 4px 0 #e0a800; }
  .doc-title { font-size: 1.5rem; margin: 0 0 .25rem; }
</style>
</head>
<body>
${title ? html`<p class="doc-title">${title}</p>` : ""}
<h1>${file}</h1>
${paragraphs.map(
  (p) => html`<div class="para${p.n === highlight ? " cited" : ""}" id="p${p.n}" data-paragraph="${p.n}"${
    p.n === highlight ? html` aria-current="true"` : ""
  }><a href="#p${p.n}" aria-label="Paragraph ${p.n}">¶${p.n}</a>${block(p)}</div>
`,
)}
</body>
</html>`;
}
