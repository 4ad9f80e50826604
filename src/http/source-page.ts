import { html } from "hono/html";
import type { Paragraph } from "../types.js";

/**
 * A document as a page: every paragraph numbered and anchored (#p10) so citations can link to
 * it, the cited one highlighted. All document text goes through html`` escaping: a paragraph
 * holding <script> shows as text.
 */
export function sourcePage(file: string, paragraphs: Paragraph[], highlight?: number) {
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
</style>
</head>
<body>
<h1>${file}</h1>
${paragraphs.map(
  (p) => html`<div class="para${p.n === highlight ? " cited" : ""}" id="p${p.n}" data-paragraph="${p.n}"${
    p.n === highlight ? html` aria-current="true"` : ""
  }><a href="#p${p.n}" aria-label="Paragraph ${p.n}">¶${p.n}</a><p>${p.text}</p></div>
`,
)}
</body>
</html>`;
}
