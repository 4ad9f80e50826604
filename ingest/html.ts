import { type DefaultTreeAdapterTypes as Tree, parse } from "parse5";
import { type ParagraphKind, tableRow } from "../src/text/paragraph-kind.js";
import type { Paragraph } from "../src/types.js";
import { hashText } from "./hash.js";
import { admonitionText, cellsOf, dropped, mainContent, markedHidden, ownRows, tableLayout } from "./html-furniture.js";
import { type Element, type Node, attr, classesOf, elementsUnder, findElement, isBlankText, isElement, readerText } from "./html-tree.js";
import { SkipFile } from "./skip.js";

/**
 * HTML (`.html`, `.htm`; and Word files, through mammoth's HTML) read by a real parser (parse5,
 * the WHATWG algorithm browsers use), so paragraphs are the blocks a reader sees:
 *
 * - a heading, a paragraph (`p`, `dt`, `dd`, `figcaption`, `caption`, `address`), a list item
 *   (its own text; a nested list's items are paragraphs of their own);
 * - a table row, the header row too (`| a | b |`, like a Markdown row, so chunks.ts gives every
 *   row its table's header as context);
 * - a whole `pre` block as one code paragraph;
 * - a paragraph or `figure` of images alone as a figure paragraph of their alt texts;
 * - text standing loose in a container (`<div>Some text</div>`) as a paragraph of its own.
 *
 * When the page marks its main content (`main`, `role="main"`), only that is read: every docs
 * generator marks it, and what lies around it is the site's (mainContent in html-furniture.ts).
 *
 * Not indexed: navigation and page furniture (`nav`, the page's own `aside`, `header` and `footer`
 * — an article's or a section's are its content — and a legacy page's, marked by id or class
 * alone (html-furniture.ts says which), a table of contents with its title, and elements marked
 * `hidden`, `aria-hidden` or with a navigation/banner/footer/search role), form controls,
 * scripts, styles, templates, embedded objects, any other image and comments. A `form` is read as a
 * container: ASP.NET pages wrap their whole body in one. A paragraph's text is the text a reader
 * sees, whitespace collapsed, soft hyphens and zero-width spaces left out; nothing from the page
 * is ever kept as markup, so nothing in it can run or render anywhere we show it. Offsets and
 * lines point at the element's source.
 */
export interface HtmlDocument {
  /** The page's `<title>`, when it has one, without its site's name (ownTitle). */
  title?: string;
  paragraphs: Paragraph[];
  /** The page asks search engines not to index it (`<meta name="robots" content="noindex">`): see unindexed-pages.ts. */
  noindex?: true;
}

const HTML_FILE = /\.html?$/i;
export const isHtmlFile = (file: string) => HTML_FILE.test(file);

/** Blocks whose own text is one paragraph of this kind. */
const PARAGRAPH_KIND: Record<string, ParagraphKind> = {
  p: "prose", dt: "prose", dd: "prose", figcaption: "prose", caption: "prose", address: "prose", summary: "heading",
  h1: "heading", h2: "heading", h3: "heading", h4: "heading", h5: "heading", h6: "heading",
  li: "list-item",
};
/** Blocks that hold other blocks; text loose in them is a prose paragraph. */
const CONTAINERS = new Set([
  "html", "body", "main", "article", "section", "div", "blockquote", "ul", "ol", "dl", "figure", "details",
  "center", "fieldset", "hgroup", "td", "th", "tbody", "thead", "tfoot", "hr", "form", "header", "footer",
]);
const isBlockTag = (tag: string) => tag in PARAGRAPH_KIND || CONTAINERS.has(tag) || tag === "pre" || tag === "table" || tag === "tr";

/**
 * Inline labels a site's style sheet sets apart from the word they qualify by a margin alone:
 * TypeDoc's flags (`code.tsd-tag`: Optional, Readonly, Static, Abstract), read glued to the name
 * after them ("Optionaloptions: HonoOptions<E>"). Their edges are word boundaries, as a block's are.
 */
const SPACED_LABEL_CLASSES = new Set(["tsd-tag"]);
const spacedLabel = (el: Element) => classesOf(el).some((c) => SPACED_LABEL_CLASSES.has(c));

/** All the text a reader sees inside a node, furniture and scripts left out. */
function visibleText(node: Node): string {
  if (node.nodeName === "#text") return (node as Tree.TextNode).value;
  if (!isElement(node) || dropped(node)) return "";
  if (node.tagName === "br") return "\n";
  const inside = node.childNodes.map(visibleText).join("");
  // Block boundaries inside (cells' paragraphs, list items) are word boundaries.
  return isBlockTag(node.tagName) || spacedLabel(node) ? ` ${inside} ` : inside;
}

interface Span {
  startLine: number;
  endLine: number;
  startOffset: number;
  endOffset: number;
}

function spanOf(node: Node): Span | undefined {
  const loc = node.sourceCodeLocation;
  return loc ? { startLine: loc.startLine, endLine: loc.endLine, startOffset: loc.startOffset, endOffset: loc.endOffset } : undefined;
}

const joinSpans = (a: Span | undefined, b: Span | undefined): Span | undefined =>
  !a ? b : !b ? a : { startLine: a.startLine, startOffset: a.startOffset, endLine: b.endLine, endOffset: b.endOffset };

interface Block {
  kind: ParagraphKind;
  text: string;
  span?: Span;
  language?: string;
  cells?: string[];
}

/** Whether an element holds a block somewhere inside (an `<a>` wrapping a heading, say). */
function holdsBlock(el: Element, memo: WeakMap<Element, boolean>): boolean {
  let known = memo.get(el);
  if (known === undefined) {
    known = el.childNodes.some((c) => isElement(c) && !dropped(c) && (isBlockTag(c.tagName) || holdsBlock(c, memo)));
    memo.set(el, known);
  }
  return known;
}

/**
 * A paragraph that is a list item's text: `<li><p>…</p></li>`, as docutils (Sphinx, MyST) writes
 * every item and Markdown renderers a loose list's. It is the item's, a list item as `<li>…</li>`
 * is: read as a paragraph of its own it was prose, though the Markdown it was built from, and the
 * same list in MkDocs or VitePress, make it a list item. The item's paragraphs up to its first
 * other block (a code block, a nested list) are its text together, as Markdown reads a loose item.
 */
const itemParagraph = (parent: Element, child: Element, memo: WeakMap<Element, boolean>) =>
  parent.tagName === "li" && child.tagName === "p" && !holdsBlock(child, memo);

class HtmlBlocks {
  readonly blocks: Block[] = [];
  private readonly memo = new WeakMap<Element, boolean>();

  /** An element's own inline text as paragraphs of `kind`; the blocks inside it as their own. */
  children(el: Element, kind: ParagraphKind): void {
    let parts: string[] = [];
    let span: Span | undefined;
    const flush = () => {
      const text = readerText(parts.join(""));
      if (text) this.blocks.push({ kind, text, span });
      parts = [];
      span = undefined;
    };
    const ownBlocks = this.blocks.length;
    // A blank line made of two line breaks ends a paragraph: DocBook's literallayout (valgrind's
    // NEWS page) is one <p> of <br>-broken lines, 212,538 characters read as one "paragraph".
    let afterBreak = false;
    for (const child of el.childNodes) {
      if (isElement(child) && child.tagName === "br") {
        if (afterBreak) {
          flush();
          afterBreak = false;
          continue;
        }
        afterBreak = true;
      } else if (isElement(child) || (child.nodeName === "#text" && !isBlankText(child))) {
        afterBreak = false;
      }
      if (isElement(child)) {
        if (dropped(child)) continue;
        if ((isBlockTag(child.tagName) || holdsBlock(child, this.memo)) && !itemParagraph(el, child, this.memo)) {
          flush();
          this.block(child);
          continue;
        }
      } else if (child.nodeName !== "#text") {
        continue; // comments
      }
      parts.push(visibleText(child));
      span = joinSpans(span, spanOf(child));
    }
    flush();
    // A paragraph that is the whole element points at the whole element, tags included (as a
    // Markdown paragraph's source holds its markup).
    const own = this.blocks.length - ownBlocks;
    if (own === 1 && PARAGRAPH_KIND[el.tagName]) this.blocks[this.blocks.length - 1]!.span = spanOf(el);
  }

  block(el: Element): void {
    const tag = el.tagName;
    const columns = gridColumns(el);
    if (columns) return this.grid(el, columns);
    if ((tag === "p" || tag === "figure") && this.figure(el)) return;
    if (tag === "pre") return this.code(el);
    if (tag === "table") return this.table(el);
    if (tag === "tr") return this.row(el);
    this.children(el, PARAGRAPH_KIND[tag] ?? "prose");
  }

  /**
   * A paragraph or `figure` of images alone (each perhaps in a link or a `picture`) is a figure
   * paragraph of their alt texts, as a Markdown paragraph of images is; a figure's caption stays
   * a paragraph of its own after it. An image anywhere else is left out (an icon in a sentence, a
   * logo in a bar). False when `el` is no such block.
   */
  private figure(el: Element): boolean {
    const content = el.childNodes.filter((c) => !(isElement(c) && c.tagName === "figcaption"));
    const alts = imageAlts(content);
    if (!alts?.length) return false;
    const captions = el.childNodes.filter((c): c is Element => isElement(c) && c.tagName === "figcaption" && !dropped(c));
    // With a caption after it, the figure's span is its images' own, so the two do not overlap.
    const media = content.filter(isElement);
    const span = captions.length ? joinSpans(spanOf(media[0]!), spanOf(media.at(-1)!)) : spanOf(el);
    this.blocks.push({ kind: "figure", text: readerText(alts.join(" ")), span });
    for (const caption of captions) this.block(caption);
    return true;
  }

  /**
   * A `pre` is one code paragraph, verbatim; its language from a `language-js`/`lang-js` class on
   * it or its `code`, else on the blocks just around it, where docs generators write it: VitePress
   * and MkDocs Material (`<div class="language-sh">`), Sphinx (`<div class="highlight-toml">`,
   * not its `highlight-default`, which names no language).
   */
  private code(el: Element): void {
    const text = el.childNodes.map(visibleText).join("").replace(/^\n+|\s+$/g, "");
    if (!text) return;
    const codeChild = el.childNodes.find((c): c is Element => isElement(c) && c.tagName === "code");
    const classes = `${attr(el, "class") ?? ""} ${codeChild ? (attr(codeChild, "class") ?? "") : ""}`;
    let language = /(?:^|\s)lang(?:uage)?-([\w+#.-]+)/.exec(classes)?.[1];
    for (let up = el.parentNode, n = 0; !language && up && isElement(up) && n < 3; up = up.parentNode, n++) {
      const named = /(?:^|\s)(?:language|highlight)-([\w+#.-]+)/.exec(attr(up, "class") ?? "")?.[1];
      if (named && named !== "default" && named !== "none") language = named;
    }
    this.blocks.push({ kind: "code", text, span: spanOf(el), ...(language ? { language } : {}) });
  }

  /** A table: its caption, then every row (header rows included) in document order. */
  private table(el: Element): void {
    const listing = codeOfListing(el);
    if (listing) return this.code(listing);
    const callout = admonitionText(el);
    if (callout) return this.children(callout, "prose");
    // A page laid out in a table: each cell is a column of the page, its blocks read as they stand.
    if (tableLayout(el) !== "data") {
      for (const cell of ownRows(el).flatMap(cellsOf)) if (!dropped(cell)) this.children(cell, "prose");
      return;
    }
    // Cells that span rows, by column, until their last row (a row group's own: rowspan stops at its end).
    const spanning: SpanningCell[] = [];
    for (const child of el.childNodes) {
      if (!isElement(child) || dropped(child)) continue;
      if (child.tagName === "tr") this.row(child, spanning);
      else if (["thead", "tbody", "tfoot"].includes(child.tagName)) this.table(child);
      else this.block(child);
    }
  }

  /** A table laid out as a grid of divs (gridColumns): every `columns` cells, in order, are a row. */
  private grid(el: Element, columns: number): void {
    const cells = el.childNodes.filter((c): c is Element => isElement(c) && !dropped(c));
    for (let i = 0; i < cells.length; i += columns) {
      const row = cells.slice(i, i + columns);
      const texts = row.map((cell) => readerText(visibleText(cell)));
      if (texts.every((t) => !t)) continue;
      this.blocks.push({ kind: "table-row", ...tableRow(texts), span: joinSpans(spanOf(row[0]!), spanOf(row.at(-1)!)) });
    }
  }

  private row(el: Element, spanning: SpanningCell[] = []): void {
    const cells = cellsOf(el).filter((c) => !dropped(c));
    const texts = cellsInColumns(cells, spanning);
    if (texts.every((t) => !t)) return;
    // A row the parser had to open itself (cells with no <tr>) has no source of its own: its cells'.
    this.blocks.push({ kind: "table-row", ...tableRow(texts), span: spanOf(el) ?? joinSpans(spanOf(cells[0]!), spanOf(cells.at(-1)!)) });
  }
}

/**
 * Javadoc (JDK 16 and later; 17 and 25 checked here) lays its summaries out as a CSS grid of divs,
 * not a table: `div.summary-table.three-column-summary`, its header cells (`div.table-header`),
 * then every row's cells in order. Read as divs, each cell was a paragraph of its own —
 * "Modifier and Type", "boolean", "send(String peer, String message)" — fragments an answer could
 * quote. Read as the table the page shows, a row is "| boolean | send(String peer, String message)
 * | Sends a message to a peer. |" under its header. The column count is the class's own word.
 */
const GRID_COLUMNS: Record<string, number> = { "two-column-summary": 2, "three-column-summary": 3, "four-column-summary": 4 };
function gridColumns(el: Element): number | undefined {
  if (el.tagName !== "div") return undefined;
  const classes = classesOf(el);
  if (!classes.includes("summary-table")) return undefined;
  return classes.map((c) => GRID_COLUMNS[c]).find((n) => n !== undefined);
}

/** Elements an image may stand in, alone, and still be the block's only content. */
const IMAGE_WRAPPERS = new Set(["a", "picture", "span"]);

/** Hidden, or an image marked decorative: nothing a reader (or a screen reader) is given. */
const unseen = (el: Element) => markedHidden(el) || (el.tagName === "img" && ["presentation", "none"].includes(attr(el, "role") ?? ""));

/**
 * The alt texts of nodes that hold images and nothing else a reader sees (whitespace, `source`
 * elements, comments), in order; null when they hold anything else. An image without alt text
 * says nothing and gives none.
 */
function imageAlts(nodes: Node[]): string[] | null {
  const alts: string[] = [];
  for (const node of nodes) {
    if (node.nodeName === "#text") {
      if ((node as Tree.TextNode).value.trim()) return null;
      continue;
    }
    if (!isElement(node)) continue; // a comment
    if (unseen(node)) continue;
    if (node.tagName === "img") {
      const alt = attr(node, "alt")?.trim();
      if (alt) alts.push(alt);
    } else if (node.tagName === "source") {
      continue;
    } else if (IMAGE_WRAPPERS.has(node.tagName)) {
      const inner = imageAlts(node.childNodes);
      if (!inner) return null;
      alts.push(...inner);
    } else return null;
  }
  return alts;
}

/** A cell merged over the rows below its own (rowspan), with how many of them are still to come. */
interface SpanningCell {
  text: string;
  rows: number;
}

/** Merged cells are counted no wider or taller than this: a `colspan="1000"` is a typo, not a table. */
const MAX_SPAN = 100;

const spanOfCell = (cell: Element, name: "colspan" | "rowspan") => Math.min(MAX_SPAN, Math.max(1, Number.parseInt(attr(cell, name) ?? "1", 10) || 1));

/**
 * A row's cell texts, one per column, as the table shows them: a cell merged over several columns
 * fills the first and leaves the others empty, and one merged over several rows (a Word table's
 * vertical merge) is read in each of them — "| Bergen | North-West | 300 |", not "| North-West |
 * 300 |" under a three-column header.
 */
function cellsInColumns(cells: Element[], spanning: SpanningCell[]): string[] {
  const texts: string[] = [];
  const fromAbove = () => {
    for (let held = spanning[texts.length]; held && held.rows > 0; held = spanning[texts.length]) {
      held.rows--;
      texts.push(held.text);
    }
  };
  for (const cell of cells) {
    fromAbove();
    const text = readerText(visibleText(cell));
    const rows = spanOfCell(cell, "rowspan");
    for (let k = 0; k < spanOfCell(cell, "colspan"); k++) {
      if (rows > 1) spanning[texts.length] = { text: k === 0 ? text : "", rows: rows - 1 };
      texts.push(k === 0 ? text : "");
    }
  }
  fromAbove();
  return texts;
}

/**
 * A code listing laid out as a table, its line numbers in a gutter cell (Pygments' `highlighttable`
 * in Sphinx and MkDocs, `td.gutter` in others): its code's `pre`, read as a code block without
 * the numbers. Otherwise undefined.
 */
function codeOfListing(table: Element): Element | undefined {
  const gutter = (el: Element) =>
    el.tagName === "td" &&
    (/(?:^|\s)(?:linenos|gutter|line-numbers?)(?:\s|$)/.test(attr(el, "class") ?? "") ||
      // Chroma (Hugo) names both cells `lntd`; the gutter's numbers are `span.lnt`
      elementsUnder(el, (e) => e.tagName === "span" && classesOf(e).includes("lnt")).length > 0);
  if (elementsUnder(table, gutter).length === 0) return undefined;
  const code = elementsUnder(table, (el) => el.tagName === "td" && !gutter(el));
  return code.flatMap((td) => elementsUnder(td, (el) => el.tagName === "pre"))[0];
}

/**
 * Where a redirect page sends its reader (`<meta http-equiv="refresh" content="0; url=…">`), if the
 * page is one: exported docs sites hold many, each "Redirecting to … Click here", whose text would
 * otherwise be indexed and cited. A refresh without a url only reloads the page itself.
 */
function redirectTarget(head: Element | undefined): string | undefined {
  const refresh = head?.childNodes.find((c): c is Element => isElement(c) && c.tagName === "meta" && attr(c, "http-equiv")?.toLowerCase() === "refresh");
  return /url\s*=\s*['"]?([^'"\s]+)/i.exec(refresh ? (attr(refresh, "content") ?? "") : "")?.[1];
}

/**
 * A page's `<title>` without its site's name, when the page's first heading shows which part is
 * the page's own: every docs generator titles a page "Configure the relay | Skyline" (Docusaurus,
 * VitePress, Just the Docs), "Peers - Skyline" (MkDocs, mdBook), "Heartbeats — Skyline 2.1
 * documentation" (Sphinx), "Quotas · Skyline Handbook" (GitBook). The title names the document in
 * the list of sources and makes the suggested questions, which asked "How do I configure the relay
 * | Skyline?". A title that is not the heading and a separator around it is kept whole.
 */
function ownTitle(title: string, heading: string): string {
  const separator = String.raw`\s*[|\-–—·:»«/]+\s*`;
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const around = new RegExp(`^(?:${escaped}${separator}.+|.+${separator}${escaped})$`, "i");
  return around.test(title) ? heading : title;
}

/**
 * How many of a page's first headings may be the one its title names. The first, mostly; but a
 * page may open with a banner or logo heading of the site's own — fastify's docs put `<h1
 * align="center">Fastify</h1>` atop 33 of their 42 pages, before the page's "## Benchmarking" —
 * and then its title, "Benchmarking - fastify docs" (MkDocs), "Benchmarking — fastify
 * documentation" (Sphinx), was kept whole, the site's name in every source's name.
 */
const TITLE_HEADINGS = 3;
function titleByHeadings(title: string, headings: string[]): string {
  for (const heading of headings) {
    const own = ownTitle(title, heading);
    if (own !== title) return own;
  }
  return title;
}

/**
 * Why a page a docs generator writes beside the site's own pages is skipped, when it is one: it
 * holds no text of the site's, only its machinery, and read it answered questions with "Page not
 * found" or "Searching for multiple words only shows matches that contain all words."
 * - The not-found page, `404.html` (GitHub Pages' name for it, which MkDocs, Material, VitePress,
 *   Docusaurus, Jekyll and Hugo all write): "404 - Not found", "Page not found".
 * - A search page whose results the site's script fills in (`<div id="search-results">`, Sphinx's
 *   `search.html`; `#mkdocs-search-results`, MkDocs' older themes): read, it was its usage line,
 *   or (Read the Docs, whose search page's main content holds nothing) the theme's footer.
 * - Sphinx's general and module indexes (`genindex.html`, `py-modindex.html`: `div.genindex-jumpbox`,
 *   `table.indextable`): an "Index" heading over letters and links to the terms' pages, every
 *   entry a term the page it links to holds in full.
 */
const SEARCH_RESULTS = new Set(["search-results", "mkdocs-search-results"]);
const INDEX_CLASSES = new Set(["genindex-jumpbox", "modindex-jumpbox", "indextable"]);
function generatedPage(file: string, content: Element[]): string | undefined {
  if (/(?:^|\/)404\.html?$/i.test(file)) return "the site's page-not-found page";
  // Looked for in what is read: Just the Docs' search box, on every page, has its results' div too (in role="search").
  const find = (el: Element): string | undefined => {
    if (SEARCH_RESULTS.has(attr(el, "id") ?? "") && !readerText(visibleText(el))) return "a search page (its results are filled in by the site's script)";
    if (classesOf(el).some((c) => INDEX_CLASSES.has(c))) return "the site's generated index of terms (genindex)";
    for (const child of el.childNodes) {
      const found = isElement(child) && !dropped(child) ? find(child) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  for (const region of content) {
    const found = find(region);
    if (found) return found;
  }
  return undefined;
}

/** Reads an HTML page into numbered paragraphs (see HtmlDocument); a redirect page is skipped. */
export function parseHtml(file: string, text: string): HtmlDocument {
  const document = parse(text, { sourceCodeLocationInfo: true });
  const html = findElement(document, "html");
  const redirect = redirectTarget(html && findElement(html, "head"));
  if (redirect) throw new SkipFile(`a redirect page (to ${redirect})`);
  const titleElement = html && findElement(html, "title");
  const title = titleElement ? readerText(titleElement.childNodes.map(visibleText).join("")) : "";
  const body = html && findElement(html, "body");
  const main = body ? mainContent(body) : [];
  const generated = body && generatedPage(file, main.length > 0 ? main : [body]);
  if (generated) throw new SkipFile(generated);
  const reader = new HtmlBlocks();
  for (const region of main) reader.block(region);
  // A page that marks its content and leaves it empty (a script fills it in; a saved app shell):
  // what stands around it is the site's bars and footers, not text of the page.
  if (main.length > 0 && reader.blocks.length === 0) throw new SkipFile("no text in the part the page marks as its content (main)");
  if (main.length === 0 && body) reader.children(body, "prose");
  const pageTitle = titleByHeadings(title, reader.blocks.filter((b) => b.kind === "heading").slice(0, TITLE_HEADINGS).map((b) => b.text));
  const paragraphs: Paragraph[] = [];
  for (const block of reader.blocks) {
    const span = block.span ?? { startLine: 1, endLine: 1, startOffset: 0, endOffset: 0 };
    paragraphs.push({
      file,
      n: paragraphs.length + 1,
      line: span.startLine,
      endLine: span.endLine,
      start: span.startOffset,
      end: span.endOffset,
      text: block.text,
      kind: block.kind,
      ...(block.language ? { language: block.language } : {}),
      ...(block.cells ? { cells: block.cells } : {}),
      hash: hashText(block.text),
    });
  }
  const noindex = robotsNoindex(html && findElement(html, "head"));
  return { ...(pageTitle ? { title: pageTitle } : {}), paragraphs, ...(noindex ? { noindex } : {}) };
}

/** Whether the page's robots meta tag asks search engines not to index it. */
function robotsNoindex(head: Element | undefined): true | undefined {
  const robots = head?.childNodes.find((c): c is Element => isElement(c) && c.tagName === "meta" && attr(c, "name")?.toLowerCase() === "robots");
  return /(?:^|[\s,])(?:noindex|none)(?:$|[\s,])/i.test(robots ? (attr(robots, "content") ?? "") : "") || undefined;
}
