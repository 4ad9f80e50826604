import type { DefaultTreeAdapterTypes as Tree } from "parse5";
import {
  type Element,
  attr,
  classesOf,
  elementsUnder,
  isBlankText,
  isElement,
  isList,
  linksWithinPage,
  onlyChild,
  readerText,
  textOf,
} from "./html-tree.js";

/**
 * What of a page is not its content (ingest/html.ts reads the rest): the site's furniture around
 * the main content, the marks and labels generators put inside it, and embedded things.
 */
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
      // what follows the link may only be the entries under it
      return isContentsEntry(first) && rest.every((c) => isList(c) && isTableOfContents(c));
    })
  );
}

/** A contents entry's link to a place on the page: `<a href="#…">`, or docutils' `<p><a href="#…">`. */
function isContentsEntry(node: Tree.ChildNode | undefined): boolean {
  const link = node !== undefined && isElement(node) && node.tagName === "p" ? onlyChild(node) : node;
  return link !== undefined && isElement(link) && linksWithinPage(link);
}

/**
 * A list inside a list item that says something of its own before it ("Process dependent
 * settings. These sections are processed, in order:"): that item's content, even when every entry
 * links to its section on the page — the same rule as for Markdown (ingest/markdown.ts). Only a
 * list under an entry that is itself just such a link is a branch of a table of contents.
 */
function inContentItem(list: Element): boolean {
  const item = list.parentNode;
  if (!item || !isElement(item) || item.tagName !== "li") return false;
  const own = item.childNodes.slice(0, item.childNodes.indexOf(list)).filter((c) => !isBlankText(c));
  return own.length > 0 && !(own.length === 1 && isContentsEntry(own[0]));
}

/** An element that holds a link and nothing else, through wrappers: `<a>`, `<span><a>`. */
function onlyALink(el: Element): boolean {
  for (let at: Element | undefined = el; at; at = onlyChild(at)) if (at.tagName === "a") return true;
  return false;
}

/**
 * DocBook's table of contents (valgrind's manual, and every page of the chapters under it): a
 * definition list whose terms are only links — to the page's sections or other pages' — and whose
 * descriptions are only more such lists (`<dl class="toc"><dt><span class="sect1"><a href=…>6.1.
 * Overview</a></span></dt><dd><dl>…`). Read, its "6.1.1. Functionality" was answered as
 * "6.1.1 [1]. Functionality [2]."; a glossary, whose descriptions say something, is kept.
 */
function isLinkOutline(list: Element): boolean {
  const entries = list.childNodes.filter((c) => !isBlankText(c) && c.nodeName !== "#comment");
  return (
    entries.length > 0 &&
    entries.every((entry) => {
      if (!isElement(entry)) return false;
      if (entry.tagName === "dt") return onlyALink(entry);
      if (entry.tagName !== "dd") return false;
      const inner = entry.childNodes.filter((c) => !isBlankText(c));
      return inner.every((c) => isElement(c) && c.tagName === "dl" && isLinkOutline(c));
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

/**
 * Marks that point within the page and read as nothing: a footnote reference (`<sup><a
 * href="#cite_note-1">[1]</a></sup>`, as Wikipedia and mammoth's Word footnotes write it; its "[1]"
 * split sentences and read as one of our markers), a footnote's back-link (`↑`, `↩`), a heading's
 * own permalink (`¶` in Sphinx and MkDocs, which was read glued to the heading: "Tuning¶"; `#` or
 * `§` in other themes; Docusaurus and VitePress write a zero-width space; an icon font's glyph, a
 * private-use character such as Read the Docs' U+F0C1, Font Awesome's link icon, which Sphinx's
 * sphinx_rtd_theme writes after every heading: "Lamps\uf0c1"), and a Word table of
 * contents' entry (`<p><a href="#_Toc…">1 Depots 1</a></p>`, mammoth's).
 */
function pageMark(el: Element): boolean {
  if (el.tagName === "sup") {
    const link = onlyChild(el);
    return link !== undefined && linksWithinPage(link);
  }
  // A Word contents entry's paragraph holds nothing else, so it is left empty and goes too.
  return linksWithinPage(el) && (/^[\s↑↩⤴^¶§#¤🔗⚓\u200b\ufe0e\ufe0f\p{Co}]+$/u.test(textOf(el)) || (attr(el, "href") ?? "").startsWith("#_Toc"));
}

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
 * - Sphinx's toctree (`div.toctree-wrapper`), the table of contents of the site's pages that its
 *   `toctree` directive writes into a page, the index page's above all: a list of links to every
 *   page and, to its default depth, to every heading of them ("Agent", "new undici.Agent([options])",
 *   … 591 items on undici's docs built with Sphinx), and its caption ("Contents"). The headings are
 *   read on their pages; a toctree is the site's navigation, as its sidebar is.
 * - rustdoc's (every Rust crate's API docs, `cargo doc`, docs.rs): the stability version and
 *   "Source" link at the right of every item (`span.rightside`: "1.29.0 · Source", read as a
 *   paragraph before each of a page's dozens of items, and answered: "Source [1]."), the module
 *   path above the title (`div.rustdoc-breadcrumbs`) and a toggle's label ("Expand description",
 *   `summary.hideme`); the title's own version and "Source" line, by its place (rustdocSubHeading).
 * - TypeDoc's (most TypeScript libraries' API docs): the "Defined in hono.d.ts:12" line under every
 *   member (`aside.tsd-sources`, inside the member's section, so not dropped as an aside), read as
 *   a list item of each and answered alone ("Defined in types.d.ts:18 [1].").
 */
const FURNITURE_CLASSES = new Set([
  "viewcode-link", "viewcode-back",
  "theme-doc-footer", "theme-doc-version-badge", "theme-doc-version-banner",
  "md-source-file",
  "bd-sidebar-secondary",
  "mw-editsection", "mw-jump-link", "printfooter", "catlinks",
  "search-results",
  "toctree-wrapper",
  "rightside", "rustdoc-breadcrumbs", "hideme",
  "tsd-sources",
]);

/**
 * rustdoc's line under a page's title, its item's version and "Source" link (`div.main-heading >
 * span.sub-heading`: "1.0.0 · Source", read as the page's first paragraph on every item page of
 * Rust's std). Known by its place in rustdoc's title block: `sub-heading` alone is a name any site
 * may give a subtitle it means to be read.
 */
const rustdocSubHeading = (el: Element) =>
  classesOf(el).includes("sub-heading") && isElement(el.parentNode!) && classesOf(el.parentNode).includes("main-heading");

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
export function admonitionText(table: Element): Element | undefined {
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

/** A box's title is a label, not a sentence: "Table of contents", "Contents", "Main Menu". */
const BOX_TITLE_WORDS = 5;
const isBoxTitle = (el: Element) =>
  (el.tagName === "summary" || /^h[1-6]$/.test(el.tagName) || [...classesOf(el), attr(el, "id") ?? ""].some((c) => /title$/i.test(c))) &&
  !elementsUnder(el, (e) => e.tagName === "a" && !linksWithinPage(e)).length &&
  readerText(textOf(el)).split(" ").length <= BOX_TITLE_WORDS;

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

/**
 * What a table is: `data`, read row by row; or a layout read as containers (html.ts), each cell's
 * blocks as they stand — `page`, a legacy site's columns (libxslt's pages put their menus in one
 * cell and the whole text in the next, each a table within a table; read as a table, that text
 * was one "row" of 4,979 characters, quoted whole), or `box`, one column (DocBook boxes its
 * program listings in a one-cell table: fontconfig's manual). Told apart as Mozilla's Readability
 * (Firefox's reader view, `_isDataTable`) tells them, in its order, up to its size rules: marked
 * `role="presentation"` or `"none"` → layout; a summary, a caption or a header cell (`th`,
 * `thead`, `tfoot`, `colgroup`) → data; a table within one of its cells → layout; one column
 * (counting only the cells that show text: filledCell) → layout. Anything else is data:
 * Readability calls a table of one row layout too, and small tables, but a docs page's table of
 * one parameter (gtk-doc's, Node.js') is data, its row kept whole.
 */
export type TableLayout = "data" | "page" | "box";
const layoutMemo = new WeakMap<Element, TableLayout>();
export function tableLayout(table: Element): TableLayout {
  let known = layoutMemo.get(table);
  if (known === undefined) {
    known = layoutOf(table);
    layoutMemo.set(table, known);
  }
  return known;
}

function layoutOf(table: Element): TableLayout {
  if (["presentation", "none"].includes(attr(table, "role")?.trim().toLowerCase() ?? "")) return "page";
  if (attr(table, "summary")?.trim()) return "data";
  if (table.childNodes.some((p) => isElement(p) && ["caption", "thead", "tfoot", "colgroup"].includes(p.tagName))) return "data";
  const cells = ownRows(table).map(cellsOf);
  if (cells.some((row) => row.some((c) => c.tagName === "th"))) return "data";
  if (cells.some((row) => row.some((c) => elementsUnder(c, (e) => e.tagName === "table").length > 0))) return "page";
  return Math.max(0, ...cells.map((row) => row.filter(filledCell).length)) === 1 ? "box" : "data";
}

/**
 * A cell that shows text. Readability counts one column by cells; a table that indents its one
 * column with cells of spaces alone (pydoc's `table.section`: a title row over a spacer cell, a
 * `&nbsp;` cell and the section's text) is one column as a reader sees it: read as a table, a
 * class's whole documentation was one row of thousands of characters.
 */
const filledCell = (cell: Element) => readerText(textOf(cell)) !== "";

/** A table's own rows, in order: those of the tables within its cells are theirs. */
export const ownRows = (table: Element): Element[] =>
  table.childNodes.filter(isElement).flatMap((part) => (part.tagName === "tr" ? [part] : ["tbody", "thead", "tfoot"].includes(part.tagName) ? part.childNodes.filter((r): r is Element => isElement(r) && r.tagName === "tr") : []));
export const cellsOf = (row: Element): Element[] => row.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === "td" || c.tagName === "th"));

/** The table a cell is in: its row's, or its row group's. */
function tableOf(cell: Element): Element | undefined {
  const row = cell.parentNode;
  const up = row && isElement(row) ? row.parentNode : null;
  const table = up && isElement(up) && ["tbody", "thead", "tfoot"].includes(up.tagName) ? up.parentNode : up;
  return table && isElement(table) && table.tagName === "table" ? table : undefined;
}

/**
 * More than half a cell's text is link text: a menu (Readability's link density, and its bound,
 * 0.5, above which a block is navigation rather than text). libxslt's menu cells run 0.99–1.0,
 * its text cells 0.04–0.08.
 */
const NAVIGATION_LINK_SHARE = 0.5;
const linkShareMemo = new WeakMap<Element, number>();
function linkShare(el: Element): number {
  let known = linkShareMemo.get(el);
  if (known === undefined) {
    const all = readerText(textOf(el)).length;
    const links = elementsUnder(el, (e) => e.tagName === "a").reduce((sum, a) => sum + readerText(textOf(a)).length, 0);
    known = all === 0 ? 0 : links / all;
    linkShareMemo.set(el, known);
  }
  return known;
}

/**
 * A page layout's cell of links (a menu column), or a page layout holding menus and their titles
 * alone (a menu box). Only in a page's layout: a one-column box of links (a DocBook list of
 * contributors, each a mail link) is content.
 */
function layoutNavigation(el: Element): boolean {
  if (el.tagName === "td" || el.tagName === "th") {
    const table = tableOf(el);
    return table !== undefined && tableLayout(table) === "page" && linkShare(el) > NAVIGATION_LINK_SHARE;
  }
  if (el.tagName !== "table" || tableLayout(el) !== "page") return false;
  const cells = ownRows(el).flatMap(cellsOf);
  const menus = cells.filter((c) => linkShare(c) > NAVIGATION_LINK_SHARE);
  // the others, the box's title ("Main Menu", "Related links", "API Indexes"), as short as a contents box's
  return menus.length > 0 && cells.every((c) => menus.includes(c) || readerText(textOf(c)).split(" ").length <= BOX_TITLE_WORDS);
}

/**
 * A breadcrumb trail, as WAI-ARIA's breadcrumb pattern labels it (`aria-label="Breadcrumb"`): the
 * path of pages above this one, on every page. A `nav` is dropped already; TypeDoc's is a bare
 * `ul.tsd-breadcrumb`, read as a list item naming the page ("Hono") before its title.
 */
const breadcrumbTrail = (el: Element) => /^\s*breadcrumbs?\s*$/i.test(attr(el, "aria-label") ?? "");

/** Marked hidden from every reader, screen readers too (`hidden`, `aria-hidden="true"`). */
export const markedHidden = (el: Element) => attr(el, "hidden") !== undefined || attr(el, "aria-hidden") === "true";

/** Whether an element, and all it holds, is left out of the page's text (the rules above). */
export function dropped(el: Element): boolean {
  if (DROPPED.has(el.tagName)) return true;
  if (layoutFurniture(el) || contentsBox(el) || linkBar(el) || layoutNavigation(el)) return true;
  if (el.tagName === "aside" && !insideArticle(el)) return true;
  if (footnoteMark(el)) return true;
  if (tabLabel(el) || lineNumber(el)) return true;
  if (classesOf(el).some((c) => FURNITURE_CLASSES.has(c))) return true;
  if (admonitionLabel(el) || codeLanguageLabel(el) || rustdocSubHeading(el) || breadcrumbTrail(el)) return true;
  if (PAGE_FURNITURE.has(el.tagName) && !insideSectioning(el)) return true;
  if (isList(el) && !inContentItem(el) && isTableOfContents(el)) return true;
  if (el.tagName === "dl" && isLinkOutline(el)) return true;
  if (pageMark(el)) return true;
  // A tab panel is hidden until its tab is chosen (Docusaurus, Bootstrap): a click away, so read.
  if (attr(el, "role") === "tabpanel") return false;
  if (markedHidden(el)) return true;
  const role = attr(el, "role");
  return role !== undefined && DROPPED_ROLES.has(role.trim().toLowerCase());
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
export function mainContent(node: Element, found: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if (!isElement(child) || dropped(child)) continue;
    if (isMain(child)) found.push(child);
    else mainContent(child, found);
  }
  return found;
}
