import { type DefaultTreeAdapterTypes as Tree, parse } from "parse5";
import { type ParagraphKind, tableRow } from "../src/text/paragraph-kind.js";
import type { Paragraph } from "../src/types.js";
import { hashText } from "./hash.js";
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
 * - text standing loose in a container (`<div>Some text</div>`) as a paragraph of its own.
 *
 * When the page marks its main content (`main`, `role="main"`), only that is read: every docs
 * generator marks it, and what lies around it is the site's (see mainContent).
 *
 * Not indexed: navigation and page furniture (`nav`, the page's own `aside`, `header` and `footer`
 * — an article's or a section's are its content — and a legacy page's, marked by id or class
 * alone (layoutFurniture, linkBar), a table of contents with its title, and elements marked
 * `hidden`, `aria-hidden` or with a navigation/banner/footer/search role), form controls,
 * scripts, styles, templates, embedded objects, images and comments. A `form` is read as a
 * container: ASP.NET pages wrap their whole body in one. A paragraph's text is the text a reader
 * sees, whitespace collapsed, soft hyphens and zero-width spaces left out; nothing from the page
 * is ever kept as markup, so nothing in it can run or render anywhere we show it. Offsets and
 * lines point at the element's source.
 */
export interface HtmlDocument {
  /** The page's `<title>`, when it has one, without its site's name (ownTitle). */
  title?: string;
  paragraphs: Paragraph[];
}

type Element = Tree.Element;
type Node = Tree.ChildNode;

const HTML_FILE = /\.html?$/i;
export const isHtmlFile = (file: string) => HTML_FILE.test(file);

/** Elements whose content is never a reader's text: furniture, code that runs, embedded things. */
const DROPPED = new Set([
  "head", "nav", "menu", "dialog",
  "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
  "button", "select", "textarea", "input", "img", "picture", "video", "audio", "map",
]);
/**
 * The page's banner and footer; inside these (HTML's sectioning elements and `main`), a `header`
 * or `footer` is that article's or section's own — its title, its byline — and is read. A
 * `footer` directly in `main` is the page's, as HTML defines it (`main` is no sectioning element):
 * the PyData Sphinx theme puts its Previous / Next links and its copyright there; a `header` in
 * `main` holds the page's title, and is read.
 */
const PAGE_FURNITURE = new Set(["header", "footer"]);
const SECTIONING = new Set(["article", "section", "main", "aside", "nav"]);
const FOOTER_SCOPES = new Set(["article", "section", "aside", "nav"]);
/** ARIA landmarks that mark the same furniture when a page uses divs for it. */
const DROPPED_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar", "tablist"]);

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

const isElement = (node: Node | Tree.ParentNode): node is Element => "tagName" in node;
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

const isBlankText = (node: Node) => node.nodeName === "#text" && !(node as Tree.TextNode).value.trim();
const isList = (node: Node): node is Element => isElement(node) && (node.tagName === "ul" || node.tagName === "ol");

/**
 * A table of contents: a list whose every item, nested lists included, is only a link to a place
 * on the same page (`<li><a href="#install">Install</a></li>`). It repeats headings that are
 * paragraphs already, and quoted as an answer it says nothing but the question's own words (the
 * same rule as for Markdown, ingest/markdown.ts).
 */
function isTableOfContents(list: Element): boolean {
  const items = list.childNodes.filter((c) => !isBlankText(c));
  return (
    items.length > 0 &&
    items.every((item) => {
      if (!isElement(item) || item.tagName !== "li") return false;
      const [first, ...rest] = item.childNodes.filter((c) => !isBlankText(c));
      // docutils wraps a contents entry in a paragraph of its own: <li><p><a href="#…">
      const link = first !== undefined && isElement(first) && first.tagName === "p" ? onlyChild(first) : first;
      const linksWithinPage = link !== undefined && isElement(link) && link.tagName === "a" && (attr(link, "href") ?? "").startsWith("#");
      // what follows the link may only be the entries under it
      return linksWithinPage && rest.every((c) => isList(c) && isTableOfContents(c));
    })
  );
}

/**
 * An `aside` of the page (its sidebar; ARIA's complementary landmark) goes; one inside an article
 * or a section is that text's own, tangential but content: docutils (Sphinx 5 and later) writes
 * every footnote as `<aside class="footnote" role="doc-footnote">` inside the page's `section`, and
 * `.. topic::` and `.. sidebar::` as asides too; they were all lost. A section counts when it is
 * one of the text's, with a heading of its own: a `section` wrapping a page's whole layout (Read
 * the Docs', a blog theme's around its article and sidebar) has none.
 */
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "header"]);
function insideArticle(el: Element): boolean {
  for (let up = el.parentNode; up && isElement(up); up = up.parentNode) {
    if (up.tagName === "article") return true;
    if (up.tagName === "section" && up.childNodes.some((c) => isElement(c) && HEADINGS.has(c.tagName))) return true;
  }
  return false;
}

function insideSectioning(el: Element): boolean {
  const scopes = el.tagName === "footer" ? FOOTER_SCOPES : SECTIONING;
  for (let up = el.parentNode; up && isElement(up); up = up.parentNode) if (scopes.has(up.tagName)) return true;
  return false;
}

/** Every character of text under a node, as written (dropped() asks it, so it must not ask dropped()). */
const textOf = (node: Node): string => (node.nodeName === "#text" ? (node as Tree.TextNode).value : isElement(node) ? node.childNodes.map(textOf).join("") : "");

const linksWithinPage = (el: Element) => el.tagName === "a" && (attr(el, "href") ?? "").startsWith("#");
const onlyChild = (el: Element) => {
  const [first, ...rest] = el.childNodes.filter((c) => !isBlankText(c));
  return rest.length === 0 && first && isElement(first) ? first : undefined;
};

/**
 * Marks that point within the page and read as nothing: a footnote reference (`<sup><a
 * href="#cite_note-1">[1]</a></sup>`, as Wikipedia and mammoth's Word footnotes write it; its "[1]"
 * split sentences and read as one of our markers), a footnote's back-link (`↑`, `↩`), a heading's
 * own permalink (`¶` in Sphinx and MkDocs, which was read glued to the heading: "Tuning¶"; `#` or
 * `§` in other themes; Docusaurus and VitePress write a zero-width space), and a Word table of
 * contents' entry (`<p><a href="#_Toc…">1 Depots 1</a></p>`, mammoth's).
 */
function pageMark(el: Element): boolean {
  if (el.tagName === "sup") {
    const link = onlyChild(el);
    return link !== undefined && linksWithinPage(link);
  }
  // A Word contents entry's paragraph holds nothing else, so it is left empty and goes too.
  return linksWithinPage(el) && (/^[\s↑↩⤴^¶§#¤🔗⚓\u200b\ufe0e\ufe0f]+$/u.test(textOf(el)) || (attr(el, "href") ?? "").startsWith("#_Toc"));
}

const classesOf = (el: Element) => (attr(el, "class") ?? "").split(/\s+/).filter(Boolean);

/**
 * Page furniture docs generators mark only by class name, each a name of the generator's own:
 * - Sphinx's viewcode links ("[source]" after an API signature, "[docs]" on the source page), a
 *   link to another page read glued to the signature: "skyline.beat(peer)[source]".
 * - Docusaurus' doc footer ("Edit this page", "Last updated on …", the tags), inside the doc's
 *   `article`, so read as the article's own footer; its version badge ("Version: 2.x") and the
 *   banner an old version's every page carries.
 * - MkDocs Material's "Last update" date under the page (`aside.md-source-file`).
 * - The PyData Sphinx theme's right-hand sidebar (also Jupyter Book's), inside `main`: "On this
 *   page", "Edit on GitHub", "This Page", "Show Source".
 * - MediaWiki's (a saved wiki page; many projects keep their docs in one): a heading's "[edit]"
 *   link, read glued to it ("Workers[edit]"), the "Jump to navigation" links, the printed page's
 *   "Retrieved from …" and the category links (and, by its id, `#siteSub`: "From … Wiki").
 * - GitBook's search results, a template its script fills, inside the page's main content:
 *   headings `results matching ""` and `No results matching ""` on every page.
 */
const FURNITURE_CLASSES = new Set([
  "viewcode-link", "viewcode-back",
  "theme-doc-footer", "theme-doc-version-badge", "theme-doc-version-banner",
  "md-source-file",
  "bd-sidebar-secondary",
  "mw-editsection", "mw-jump-link", "printfooter", "catlinks",
  "search-results",
]);

/** VitePress names a code block's language above it (`<div class="language-sh"><span class="lang">sh</span><pre>`). */
const codeLanguageLabel = (el: Element) =>
  classesOf(el).includes("lang") && isElement(el.parentNode!) && classesOf(el.parentNode).some((c) => c.startsWith("language-"));

/** A callout box's own class names: Sphinx, Python-Markdown and MkDocs Material, Docusaurus, VitePress. */
const ADMONITION_BOXES = new Set(["admonition", "theme-admonition", "custom-block"]);
const lettersOf = (text: string) => text.toLowerCase().replace(/[^\p{L}]/gu, "");

/**
 * A callout box's label that only names its kind — "Note", "See also" (Sphinx, MkDocs:
 * `<div class="admonition note"><p class="admonition-title">Note</p>`), "note" (Docusaurus:
 * `theme-admonition-note`, its heading a div of its own), "TIP" (VitePress: `tip custom-block`),
 * "Note" as a collapsible box's summary (Material: `<details class="note">`): a paragraph of one
 * word that says nothing a reader would quote. A label of the author's own ("Mixed versions") is
 * not the box's kind, and is read.
 */
function admonitionLabel(el: Element): boolean {
  const box = el.parentNode;
  if (!box || !isElement(box)) return false;
  const kinds = classesOf(box);
  if (!kinds.some((c) => ADMONITION_BOXES.has(c)) && !(box.tagName === "details" && el.tagName === "summary")) return false;
  if (box.childNodes.find(isElement) !== el) return false;
  const label = lettersOf(textOf(el));
  return label !== "" && kinds.some((c) => lettersOf(c.replace(/^(?:theme-)?admonition-/, "")) === label);
}

/**
 * Asciidoctor (Antora too) lays a callout out as a one-row table: its kind in the first cell
 * ("Warning", as text or an icon) and its text in the second (`<div class="admonitionblock
 * warning"><table><tr><td class="icon">…</td><td class="content">…`). Read as a table it was a
 * row, "| Warning | Draining takes … |"; read as the callout it is, it is its text, paragraphs as
 * they are. The content cell, when the table is one; otherwise undefined.
 */
function admonitionText(table: Element): Element | undefined {
  const box = table.parentNode;
  if (!box || !isElement(box) || !classesOf(box).includes("admonitionblock")) return undefined;
  return elementsUnder(table, (e) => e.tagName === "td" && classesOf(e).includes("content"))[0];
}

/**
 * A tab's label in tabs made of radio buttons and CSS, which show one panel at a time: MkDocs
 * Material's content tabs (pymdownx.tabbed: labels in `div.tabbed-labels`, or each right in its
 * `div.tabbed-set`) and sphinx-design's (`label.sd-tab-label` in `div.sd-tab-set`). Every panel
 * is read (as for ARIA tabs, whose tab list is left out); the labels, glued together, read
 * "LinuxWindows". Named by class: a radio button's label in a form is not a tab.
 */
const TAB_SETS = new Set(["tabbed-set", "tabbed-labels", "sd-tab-set"]);
function tabLabel(el: Element): boolean {
  if (el.tagName !== "label") return false;
  const parent = el.parentNode;
  return classesOf(el).includes("sd-tab-label") || (parent !== null && isElement(parent) && classesOf(parent).some((c) => TAB_SETS.has(c)));
}

/**
 * Line numbers written into a code block's text, one a line: Pygments' inline numbers
 * (`<span class="linenos">1</span>`, MkDocs Material's `linenums_style: inline`) and Chroma's
 * (Hugo: `<span class="ln">1</span>`, and `lnt` in its table layout's gutter). Kept, the code
 * read "1import skyline".
 */
const LINE_NUMBER_CLASSES = new Set(["linenos", "ln", "lnt"]);
function lineNumber(el: Element): boolean {
  if (el.tagName !== "span" || !classesOf(el).some((c) => LINE_NUMBER_CLASSES.has(c))) return false;
  for (let up = el.parentNode; up && isElement(up); up = up.parentNode) if (up.tagName === "pre") return true;
  return false;
}

/**
 * Footnote marks as DPUB-ARIA names them (docutils, Sphinx: `<a role="doc-noteref"><span
 * class="fn-bracket">[</span>1<span class="fn-bracket">]</span></a>`, and the footnote's `[1]`
 * linking back, `role="doc-backlink"`), and as older docutils wrote them (`a.footnote-reference`,
 * `a.fn-backref`): the same marks pageMark leaves out when written `<sup><a href="#…">`.
 */
const FOOTNOTE_ROLES = new Set(["doc-noteref", "doc-backlink"]);
const FOOTNOTE_CLASSES = new Set(["fn-bracket", "footnote-reference", "fn-backref"]);
const footnoteMark = (el: Element) => FOOTNOTE_ROLES.has(attr(el, "role") ?? "") || classesOf(el).some((c) => FOOTNOTE_CLASSES.has(c));

/**
 * A box holding a table of contents and its title alone (`<details><summary>Table of
 * contents</summary><ol id="markdown-toc">`, Just the Docs; `<div class="contents topic"><p
 * class="topic-title">Contents</p><ul>`, docutils before 0.18; Asciidoctor's `<div id="toc"><div
 * id="toctitle">Table of Contents</div><ul>`; a legacy page's `<div
 * class="toc">` of links to its own headings): the list goes as a table of contents, and its
 * title, left alone, read as a heading or paragraph of its own. A title is a summary, a heading or
 * an element whose class names it one, of five words at most; anything else in the box keeps it.
 */
function contentsBox(el: Element): boolean {
  if (el.tagName !== "div" && el.tagName !== "details") return false;
  let titles = 0;
  let entries = 0;
  for (const child of el.childNodes) {
    if (isBlankText(child) || child.nodeName === "#comment") continue;
    if (!isElement(child)) return false;
    if (isList(child) && isTableOfContents(child)) entries++;
    else if (linksWithinPage(child) && textOf(child).trim()) entries++;
    else if (child.tagName === "br") continue;
    else if (titles === 0 && entries === 0 && isBoxTitle(child)) titles++;
    else return false;
  }
  return entries > 0;
}

const isBoxTitle = (el: Element) =>
  (el.tagName === "summary" || /^h[1-6]$/.test(el.tagName) || [...classesOf(el), attr(el, "id") ?? ""].some((c) => /title$/i.test(c))) &&
  !elementsUnder(el, (e) => e.tagName === "a" && !linksWithinPage(e)).length &&
  readerText(textOf(el)).split(" ").length <= 5;

/**
 * A bar of links and nothing else but separators between them (`Home | Guide | FAQ`, `<< Previous
 * | Top | Next >>`, `Privacy | Contact`): a legacy page's navigation, header and footer rows,
 * marked by no element or role. Only a `div` of two links or more with a separator drawn between
 * them; a sentence with links in it has words outside them, and is read.
 */
function linkBar(el: Element): boolean {
  if (el.tagName !== "div") return false;
  let links = 0;
  let separators = "";
  for (const child of el.childNodes) {
    if (child.nodeName === "#comment") continue;
    if (child.nodeName === "#text") separators += (child as Tree.TextNode).value;
    else if (isElement(child) && child.tagName === "a") links++;
    else if (!(isElement(child) && child.tagName === "br")) return false;
  }
  return links >= 2 && /^[\s|·•/›»<>\-–—\[\]]*$/.test(separators) && /[^\s]/.test(separators);
}

/**
 * A legacy page's layout, marked by id or class alone (no `header`, `nav` or role): its sidebar
 * (`id="sidebar"`), navigation bar, the site's name as its logo (`class="logo"`), breadcrumb
 * trail and footer. By id — unique, the page's own —
 * or, for a footer and breadcrumbs, by class outside an article or section (as for the `footer`
 * element). Not a `header` by id or class: Asciidoctor's `div#header` holds the document's title
 * and author, Javadoc's and Doxygen's `div.header` the page's title, all content. Named generators: DocBook's chunked HTML (`navheader`,
 * `navfooter`: Prev / Up / Next), Javadoc 8 (`topNav`, `subNav`, `bottomNav`), old Sphinx without
 * roles (`sphinxsidebar`), Doxygen (the project's name and brief in `#titlearea`, the tab rows
 * `#navrow1`…, the path `#nav-path`, the tree `#side-nav`, and its search box's "Loading...
 * Searching... No Matches" in `#MSearchResultsWindow`, on every page). Not `id="menu"`: a
 * restaurant's page holds its menu there.
 */
const LAYOUT_IDS = new Set([
  "footer", "sidebar", "navbar", "nav", "navigation", "topnav", "breadcrumbs", "breadcrumb", "site-header", "site-footer",
  "sitesub", "titlearea", "navrow1", "navrow2", "navrow3", "navrow4", "nav-path", "side-nav", "main-nav", "msearchresultswindow", "msearchselectwindow",
]);
const LAYOUT_CLASSES = new Set(["navheader", "navfooter", "topNav", "subNav", "bottomNav", "sphinxsidebar", "navbar", "topnav", "navpath", "logo"]);
const LAYOUT_CLASSES_OUTSIDE_ARTICLES = new Set(["footer", "breadcrumbs", "breadcrumb", "site-footer"]);
function layoutFurniture(el: Element): boolean {
  if (LAYOUT_IDS.has((attr(el, "id") ?? "").toLowerCase())) return true;
  const classes = classesOf(el);
  if (classes.some((c) => LAYOUT_CLASSES.has(c))) return true;
  return classes.some((c) => LAYOUT_CLASSES_OUTSIDE_ARTICLES.has(c)) && !insideArticle(el);
}

function dropped(el: Element): boolean {
  if (DROPPED.has(el.tagName)) return true;
  if (layoutFurniture(el) || contentsBox(el) || linkBar(el)) return true;
  if (el.tagName === "aside" && !insideArticle(el)) return true;
  if (footnoteMark(el)) return true;
  if (tabLabel(el) || lineNumber(el)) return true;
  if (classesOf(el).some((c) => FURNITURE_CLASSES.has(c))) return true;
  if (admonitionLabel(el) || codeLanguageLabel(el)) return true;
  if (PAGE_FURNITURE.has(el.tagName) && !insideSectioning(el)) return true;
  if (isList(el) && isTableOfContents(el)) return true;
  if (pageMark(el)) return true;
  // A tab panel is hidden until its tab is chosen (Docusaurus, Bootstrap): a click away, so read.
  if (attr(el, "role") === "tabpanel") return false;
  if (attr(el, "hidden") !== undefined || attr(el, "aria-hidden") === "true") return true;
  const role = attr(el, "role");
  return role !== undefined && DROPPED_ROLES.has(role.trim().toLowerCase());
}

/**
 * Soft line breaks read as spaces; whitespace runs are one space (as for Markdown). Soft hyphens
 * (`&shy;`), zero-width spaces and word joiners show nothing: kept, "Ver\u00adkehrs\u00adzentrale"
 * matched no question's "Verkehrszentrale".
 */
const readerText = (text: string) => text.replace(/[\u00ad\u200b\u2060\ufeff]/g, "").replace(/\s+/g, " ").trim();

/** All the text a reader sees inside a node, furniture and scripts left out. */
function visibleText(node: Node): string {
  if (node.nodeName === "#text") return (node as Tree.TextNode).value;
  if (!isElement(node) || dropped(node)) return "";
  if (node.tagName === "br") return "\n";
  const inside = node.childNodes.map(visibleText).join("");
  // Block boundaries inside (cells' paragraphs, list items) are word boundaries.
  return isBlockTag(node.tagName) ? ` ${inside} ` : inside;
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
    for (const child of el.childNodes) {
      if (isElement(child)) {
        if (dropped(child)) continue;
        if (isBlockTag(child.tagName) || holdsBlock(child, this.memo)) {
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
    if (tag === "pre") return this.code(el);
    if (tag === "table") return this.table(el);
    if (tag === "tr") return this.row(el);
    this.children(el, PARAGRAPH_KIND[tag] ?? "prose");
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
    // Cells that span rows, by column, until their last row (a row group's own: rowspan stops at its end).
    const spanning: SpanningCell[] = [];
    for (const child of el.childNodes) {
      if (!isElement(child) || dropped(child)) continue;
      if (child.tagName === "tr") this.row(child, spanning);
      else if (["thead", "tbody", "tfoot"].includes(child.tagName)) this.table(child);
      else this.block(child);
    }
  }

  private row(el: Element, spanning: SpanningCell[] = []): void {
    const cells = el.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === "td" || c.tagName === "th") && !dropped(c));
    const texts = cellsInColumns(cells, spanning);
    if (texts.every((t) => !t)) return;
    // A row the parser had to open itself (cells with no <tr>) has no source of its own: its cells'.
    this.blocks.push({ kind: "table-row", ...tableRow(texts), span: spanOf(el) ?? joinSpans(spanOf(cells[0]!), spanOf(cells.at(-1)!)) });
  }
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

/** Every element under `node` that `matches`, in document order. */
function elementsUnder(node: Element, matches: (el: Element) => boolean, found: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (matches(child)) found.push(child);
    elementsUnder(child, matches, found);
  }
  return found;
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

function findElement(node: Tree.ParentNode, tag: string): Element | undefined {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === tag) return child;
    const found = findElement(child, tag);
    if (found) return found;
  }
  return undefined;
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

const isMain = (el: Element) => el.tagName === "main" || attr(el, "role")?.trim().toLowerCase() === "main";

/**
 * The page's main content, when it marks it: the outermost `main` elements and `role="main"`
 * elements (ARIA's main landmark, what a screen reader's "skip to main content" goes to). Every
 * generated docs site marks it — Docusaurus, MkDocs Material, VitePress, mdBook and Just the Docs
 * with `main`, Sphinx (`div.body`, Read the Docs' `div.document`), Furo and GitBook with
 * `role="main"` — and what lies outside is the site's, repeated on every page: mdBook's menu bar
 * title (an `h1`), Alabaster's `div.footer` ("Powered by Sphinx"), Read the Docs' footer (inside a
 * `section` that wraps the whole layout, so it read as that section's own), and the "Skip to
 * content" link every theme puts first. A page without one is read whole.
 */
function mainContent(node: Element, found: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if (!isElement(child) || dropped(child)) continue;
    if (isMain(child)) found.push(child);
    else mainContent(child, found);
  }
  return found;
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
  let reader = new HtmlBlocks();
  const main = body ? mainContent(body) : [];
  for (const region of main) reader.block(region);
  if (reader.blocks.length === 0 && body) {
    reader = new HtmlBlocks();
    reader.children(body, "prose");
  }
  const heading = reader.blocks.find((b) => b.kind === "heading")?.text;
  const pageTitle = heading ? ownTitle(title, heading) : title;
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
  return { ...(pageTitle ? { title: pageTitle } : {}), paragraphs };
}
