import { html } from "hono/html";
import type { AskService } from "../service.js";
import type { SiteText } from "../site.js";
import { counted } from "../text/plural.js";
import { type DocumentFormat, FORMAT_NAMES } from "../text/document-format.js";

/**
 * GET /: what the service is, the documents it knows, and the widget, live — all named by `site`;
 * its embed snippet names `origin` (this service as the visitor reached it), so it works pasted.
 */
export function landingPage(service: AskService, site: SiteText, origin: string) {
  const { documents, formats, paragraphs, embedder } = service.health();
  // "5 documents (2 PDF, 3 text)": by format only when there is more than one kind to tell apart.
  const kinds = Object.entries(formats) as [DocumentFormat, number][];
  const byFormat = kinds.length > 1 || kinds.some(([f]) => f !== "text") ? ` (${kinds.map(([f, n]) => `${n} ${FORMAT_NAMES[f]}`).join(", ")})` : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${site.title} · cited answers</title>
<link rel="icon" href="data:,">
<style>
  body { font: 17px/1.6 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1.25rem; color: #1d2330; }
  h1 { font-size: 1.8rem; margin-bottom: .25rem; }
  .lead { color: #4a5163; margin-top: 0; }
  code, pre { font: 14px ui-monospace, monospace; background: #f3f4f7; border-radius: 6px; }
  code { padding: .1rem .3rem; }
  pre { padding: .8rem 1rem; overflow-x: auto; }
  ul.docs { padding-left: 1.2rem; }
  .meta { color: #6b7280; font-size: .9rem; }
</style>
</head>
<body>
<h1>${site.title}</h1>
<p class="lead">Ask these documents a question. Every sentence of the answer cites the file and paragraph it came from, with the exact words quoted — and when the documents don't say, it says so.</p>
<p>Open the chat button at the bottom right${
    site.exampleQuestions.length
      ? html` and try ${site.exampleQuestions.map((q, i) => html`${i ? ", " : ""}<em class="example">“${q}”</em>`)}.`
      : "."
  }</p>
<h2>What it knows</h2>
<p class="meta" data-testid="document-counts">${counted(documents, "document")}${byFormat}, ${counted(paragraphs, "paragraph")} · embedder ${embedder}</p>
<ul class="docs">
${service.files().map((f) => html`<li><a href="/sources/${encodeURIComponent(f)}">${service.title(f) ?? f}</a></li>`)}
</ul>
<h2>Use it</h2>
<p>On any page (allow its origin with <code>ALLOWED_ORIGINS</code>):</p>
<pre data-testid="embed-snippet">&lt;script src="${origin}/widget.js" data-api="${origin}" data-title="${site.title}" data-greeting="${site.greeting}" async&gt;&lt;/script&gt;</pre>
<p>Or the API: <code>POST /ask</code>, <code>POST /ask/stream</code>, <a href="/openapi.json">OpenAPI</a>, <a href="/health">health</a>.</p>
<script src="/widget.js" data-api="" data-title="${site.title}" data-greeting="${site.greeting}" async></script>
</body>
</html>`;
}
