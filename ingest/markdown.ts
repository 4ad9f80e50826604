import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parse as parseYaml } from "yaml";
import { type ParagraphKind, tableRow } from "../src/text/paragraph-kind.js";
import type { Paragraph } from "../src/types.js";
import { hashText } from "./hash.js";
import { MarkdownTooComplexError, markdownTooComplex } from "./markdown-limits.js";

/**
 * Markdown (and MDX) read by a real parser (remark: CommonMark + GFM tables, front matter, MDX),
 * so paragraphs are the blocks a reader sees:
 *
 * - a heading, a paragraph, a list item (its own text; a nested list's items are paragraphs of
 *   their own), a table row (the header row too; the `|---|` rule is markup, not a row), a
 *   paragraph inside a blockquote, a `:::` container or an MDX component;
 * - a whole fenced or indented code block, never split (blank lines and `#` comments included) —
 *   but the body of an MkDocs admonition, details block or content tab, indented four spaces past
 *   its marker line (at the top level, in a list item or in a definition), is read as the blocks
 *   it holds, apart from the item's or term's text (BODY_INDENT);
 * - not front matter (metadata: its `title` names the document), a table of contents, HTML
 *   comments, MDX `import`/`export`, `{expressions}`, component tags, `:::` fence lines, `---`
 *   rules, or docs generators' template tags (Hugo shortcodes, Liquid).
 *
 * A paragraph's `text` is what a reader sees: link text without its URL, no emphasis markers, no
 * `>` or bullet, inline code without backticks, no attribute lists, icon shortcodes, admonition or
 * definition-list markers; its offsets and lines still point at the block's
 * source in the file.
 */
export interface MarkdownDocument {
  /** The front matter's `title`, when it has one. */
  title?: string;
  paragraphs: Paragraph[];
}

/** The parts of an mdast/MDX node this reader looks at (MDX nodes are not in @types/mdast). */
interface Node {
  type: string;
  value?: string;
  alt?: string | null;
  lang?: string | null;
  url?: string;
  children?: Node[];
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
}

const MARKDOWN_FILE = /\.(md|markdown|mdx)$/i;
export const isMarkdownFile = (file: string) => MARKDOWN_FILE.test(file);

/** What a text is parsed as: MDX or Markdown, and whether it may open with front matter (a file's start; not a block body). */
interface Dialect {
  mdx: boolean;
  frontMatter: boolean;
}

function parser({ mdx, frontMatter }: Dialect) {
  const processor = unified().use(remarkParse).use(remarkGfm);
  if (frontMatter) processor.use(remarkFrontmatter, ["yaml", "toml"]);
  return mdx ? processor.use(remarkMdx) : processor;
}

/** MDX's `import`/`export` lines, as plain Markdown reads them (a paragraph) when MDX refused the file. */
const ESM_LINE = /^(?:import|export)\s/;

function parseTree(text: string, dialect: Dialect): Node {
  if (dialect.mdx) {
    try {
      return parser(dialect).parse(text) as unknown as Node;
    } catch {
      // MDX refuses what plain Markdown allows (an HTML comment, a stray `{` or `<`); the file is
      // still Markdown to a reader, so it is read as Markdown rather than skipped — without its
      // import/export lines, which are code for the site builder, not prose.
      const tree = parser({ ...dialect, mdx: false }).parse(text) as unknown as Node;
      tree.children = tree.children?.filter((n) => !(n.type === "paragraph" && ESM_LINE.test(inlineText(n))));
      return tree;
    }
  }
  return parser(dialect).parse(text) as unknown as Node;
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** VitePress/Docusaurus container fences: `::: tip Title`, `:::`, `::::details` (CommonMark has none). */
const CONTAINER_FENCE = String.raw`:{3,}.*`;

/**
 * A template tag, one of a docs generator's own (CommonMark has none), as the page never shows it:
 * a Hugo shortcode (`{{< new-in 0.115.1 >}}`, `{{% note %}}`, `{{< /code-toggle >}}`) or a Liquid
 * tag (Jekyll's `{% raw %}`, `{% include footer.html %}`). The site builder runs it; what it puts
 * in its place (a note's frame, a version badge, an included file) is not in the Markdown. Evidence
 * (a sweep of 13 docs folders the project had not read: 849 files, 130,372 paragraphs): 12 paragraphs of Hugo's docs and 15 of Jekyll's
 * held them, e.g. "{{% note %}} With v0.109.0 and earlier…" and "{% endraw %}"; no paragraph of
 * the other 11 folders (npm, Node.js API, markdownlint, …) matched either form outside code.
 * Liquid's output tags (`{{ page.title }}`) are left: they show a value, which the file lacks.
 * A tag's inside is at most TEMPLATE_TAG_MAX characters: the longest in the sweep was 81
 * (`{{< code-toggle file=hugo dataKey=… />}}`), and unbounded, a line of 100,000 `{%` that never
 * close took 37 s (each one scanned to the line's end), against 0.08 s before this rule.
 */
const TEMPLATE_TAG_MAX = 300;
const TEMPLATE_TAG = String.raw`(?:\{\{[<%](?:(?!\}\}).){0,${TEMPLATE_TAG_MAX}}[>%]\}\}|\{%(?:(?!%\}).){0,${TEMPLATE_TAG_MAX}}%\})`;

/**
 * Lines that are markup alone: container fences and lines of template tags alone. They are
 * blanked before parsing, so `{{% note %}}` … `{{% /note %}}` reads as the blocks inside it.
 */
const MARKUP_LINE = new RegExp(String.raw`^[ \t]*(?:${CONTAINER_FENCE}|(?:${TEMPLATE_TAG}[ \t]*)+)$`, "gm");

/** Where each line of a text starts: entry i is line i + 1's offset. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Blanks markup lines (MARKUP_LINE, outside code blocks) with spaces of the same length, so the
 * parser sees what they enclose as ordinary blocks and every offset stays where it was.
 */
function blankMarkupLines(text: string, tree: Node): string {
  const codeLines: [number, number][] = [];
  walk(tree, (n) => {
    if (n.type === "code" && n.position) codeLines.push([n.position.start.line, n.position.end.line]);
  });
  const lineStarts = lineStartsOf(text);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return text.replace(MARKUP_LINE, (markup, offset: number) => {
    const line = lineOf(offset);
    if (codeLines.some(([from, to]) => line >= from && line <= to)) return markup;
    return markup.replace(/[^\r]/g, " ");
  });
}

/**
 * Attribute lists (kramdown's and Python-Markdown's `{: .prompt-tip }`, `{: file="main.go" }`,
 * `{: #note }`) set a class or id on the element; they show nothing. Evidence: 5 paragraphs of a
 * Jekyll theme's posts (Chirpy) and 3 of Material for MkDocs' docs; none elsewhere in the sweep.
 * Only `.class`, `#id` and `key=value` items count, so a Clojure map in prose (`{:keys [a]}`) stays.
 */
const ATTRIBUTE_ITEM = String.raw`(?:[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+))`;
const ATTRIBUTE_LIST = String.raw`\{:\s*${ATTRIBUTE_ITEM}(?:\s+${ATTRIBUTE_ITEM})*\s*\}`;

/**
 * Material for MkDocs' icon shortcodes (`:octicons-file-code-24:`, `:material-check:`) are drawn
 * as icons, not text. Evidence: 3 paragraphs of its docs ("…:octicons-file-code-24: Source ·…").
 * Emoji shortcodes (`:smile:`) are left: a page shows them as a character, and prose uses colons.
 */
const ICON_SHORTCODE = String.raw`:(?:octicons|material|fontawesome|simple)-[\w-]+:`;

/**
 * A definition list's `: ` marker opening a line (PHP Markdown Extra, kramdown, Hugo/Goldmark,
 * pymdownx): the page shows the definition under its term, without the colon. Evidence: 9
 * paragraphs of Hugo's docs ("Multiplatform : Install Hugo's…"); CommonMark reads the pair as one
 * paragraph, so the term and definition stay one paragraph, the marker gone.
 */
const DEFINITION_MARKER = String.raw`(?<=\n)[ \t]*:[ \t]+`;

const INVISIBLE_IN_TEXT = new RegExp(`${TEMPLATE_TAG}|${ATTRIBUTE_LIST}|${ICON_SHORTCODE}|${DEFINITION_MARKER}`, "g");

/** A text node's value as the page shows it: without the generators' markup above (inline code keeps it). */
const visibleText = (value: string) => value.replace(INVISIBLE_IN_TEXT, "");

/** Text the reader sees of an inline node: no markup, no URLs, no tags or expressions. */
function inlineText(node: Node): string {
  switch (node.type) {
    case "text":
      return visibleText(node.value ?? "");
    case "inlineCode":
      return node.value ?? "";
    case "break":
      return "\n";
    case "image":
      return node.alt ?? "";
    case "html": // an inline tag (<br>, <Badge …/>) or comment: markup
    case "mdxTextExpression":
    case "footnoteReference":
      return "";
    default:
      return (node.children ?? []).map(inlineText).join("");
  }
}

/** Soft line breaks read as spaces; whitespace runs are one space. */
const readerText = (text: string) => text.replace(/\s+/g, " ").trim();

/** What an HTML block shows as text: comments, scripts, styles and tags are not prose. */
function htmlBlockText(html: string): string {
  return readerText(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
      .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, " ")
      .replace(/<\/?[A-Za-z][^>]*>/g, " ")
      .replace(/&nbsp;/g, " "),
  );
}

/**
 * An HTML block that is one heading element and nothing else (`<h1 align="center">Fastify</h1>`,
 * the centred title many READMEs and docs pages open with): rendered as a heading, so read as one.
 * Comments around it allowed, each matched up to its own `-->` and no further: a lazy `[\s\S]*?`
 * could also span several, and a block of a few dozen comments then took exponential time to fail.
 */
const COMMENT = "<!--(?:(?!-->)[\\s\\S])*-->\\s*";
const HTML_HEADING = new RegExp(`^\\s*(?:${COMMENT})*<h[1-6]\\b[^>]*>(?:(?!<\\/?h[1-6]\\b)[\\s\\S])*<\\/h[1-6]\\s*>\\s*(?:${COMMENT})*$`, "i");

/** A custom anchor id (`## Options {#options}`, VitePress and Docusaurus) is markup, not heading text. */
const HEADING_ANCHOR = /\s*\{#[\w.-]+\}$/;

/**
 * Python-Markdown's admonition and details markers (`!!! note`, `!!! tip "Title"`, `??? note`,
 * `???+ note`) and pymdownx tab labels (`=== "Linux"`) open a paragraph's first line: the page
 * draws a box or a tab, titled with the quoted title (the title stays, the marker goes). Evidence:
 * 5 paragraphs of Material for MkDocs' docs ("!!! note \"Phasellus posuere…\""), 2 tab labels;
 * a line must be the marker alone, so mathjs's "!!! BE CAREFUL: BREAKING CHANGES !!!" stays prose.
 */
const ADMONITION_MARKER = /^(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"\n]*)")?[ \t]*(?=\n|$)/;
const TAB_MARKER = /^===\+?[ \t]+"([^"\n]*)"[ \t]*(?=\n|$)/;

/** A paragraph's text without an admonition or tab marker (its title kept). */
const withoutBlockMarker = (text: string) => text.replace(ADMONITION_MARKER, "$1").replace(TAB_MARKER, "$1");

/**
 * A block's body in Python-Markdown (Material for MkDocs' admonitions, pymdownx details and content
 * tabs): the lines under a line that is a marker alone (`!!! note "Title"`, `???+ tip`,
 * `=== "Linux"`), indented BODY_INDENT columns past the marker. CommonMark reads such a body as an
 * indented code block when a blank line comes first, or as more lines of the marker's paragraph
 * when none does, so a box's paragraphs, list items and fenced code became one code block, or were
 * glued to its title. The body is read again, dedented, as the Markdown it is; its blocks take its
 * place, their lines and offsets moved back into the file (each line lost its indent's characters
 * and nothing else), so they still point at their source. The same holds where the marker sits in
 * a list item (`- Step one` / `    !!! warning` / `        Body.`) or a definition
 * (`Term` / `:   !!! note` / `        Body.`): Python-Markdown indents a list item's or a
 * definition's blocks four columns and the body four more, so the body is the lines indented
 * BODY_INDENT columns past wherever the marker starts on its line.
 */
const BODY_INDENT = 4; // Python-Markdown's tab_length, by which admonition, details and tabbed indent a body

/**
 * Bodies inside bodies are read as Markdown this deep at most; deeper ones stay code, as before.
 * Each level parses what it holds once more, so the cap bounds a file's cost at that many parses of
 * it: uncapped, 400 admonitions each nested in the last (0.32 MB) took 13.7 s, against 0.6 s capped
 * at 4 (1.0 s at 8) and 0.13–0.2 s for the old reader (tests/markdown-block-bodies.test.ts). Real
 * pages nest two levels (Material for MkDocs' docs put admonitions and code inside content tabs).
 */
const MAX_BODY_DEPTH = 4;

/** Columns a line's first characters take (tabs to the next multiple of 4, as CommonMark counts). */
function columnsOf(chars: string): number {
  let columns = 0;
  for (const c of chars) columns = c === "\t" ? columns + 4 - (columns % 4) : columns + 1;
  return columns;
}

/** Characters and columns of a line's leading indent, up to `max` columns (a tab may overshoot it). */
function indentOf(line: string, max: number): { chars: number; columns: number } {
  let chars = 0;
  let columns = 0;
  while (columns < max && (line[chars] === " " || line[chars] === "\t")) {
    columns = line[chars] === "\t" ? columns + 4 - (columns % 4) : columns + 1;
    chars++;
  }
  return { chars, columns };
}

/** Line `line` (1-based) of a text, without its line end (`\r` stays: remark reads it as part of the end). */
const lineAt = (text: string, starts: number[], line: number) => text.slice(starts[line - 1], line < starts.length ? starts[line]! - 1 : text.length);

const isMarker = (rest: string) => {
  const bare = rest.replace(/\r$/, "");
  return ADMONITION_MARKER.test(bare) || TAB_MARKER.test(bare);
};

/** How ADMONITION_MARKER and TAB_MARKER begin. */
const BODY_MARKER_START = /^(?:!!!|\?\?\?|===)/;

/**
 * What may come before a marker on its line: where its paragraph starts, nothing or a definition's
 * `:` marker (`:   !!! note`, a definition after a blank line); on a paragraph's later line, a
 * definition's `:` marker (`Term` / `:   !!! note`), which CommonMark reads as more of the term's
 * paragraph. A later line that is a marker without one is left as the paragraph's text, as before.
 */
const BEFORE_MARKER_AT_START = /(?::[ \t]+)?/y;
const BEFORE_MARKER_LATER = /[ \t]*:[ \t]+/y;

/**
 * A paragraph's marker line (its first, if it has several), for a paragraph on lines
 * `first`..`last` whose text starts at character `from` of its first line: the line, and the
 * characters before the marker on it.
 */
function markerLineOf(text: string, starts: number[], first: number, from: number, last: number): { line: number; before: number } | undefined {
  for (let line = first; line <= last; line++) {
    const source = lineAt(text, starts, line);
    const allowed = line === first ? BEFORE_MARKER_AT_START : BEFORE_MARKER_LATER;
    allowed.lastIndex = line === first ? from : 0;
    const prefix = allowed.exec(source);
    if (!prefix) continue; // a later line that opens no definition
    const before = allowed.lastIndex;
    if (BODY_MARKER_START.test(source.slice(before, before + 3)) && isMarker(source.slice(before))) return { line, before };
  }
  return undefined;
}

/** Whether every line `from`..`to` that is not blank is indented `indent` columns or more. */
function allIndented(text: string, starts: number[], from: number, to: number, indent: number): boolean {
  for (let line = from; line <= to; line++) {
    const source = lineAt(text, starts, line);
    if (source.trim() && indentOf(source, indent).columns < indent) return false;
  }
  return true;
}

/**
 * A block body under `node` (see BODY_INDENT): `node` is a paragraph with a marker line
 * (markerLineOf) whose lines after it, if any, are all indented past the marker (else it is left as
 * it is: a line of prose glued on is not a body); the body is those lines, and the indented code
 * block right after the paragraph, when one follows indented as far. `opens` is where the marker
 * line starts the paragraph's lines (a definition's term before it is read apart); `markerAlone`,
 * whether the paragraph is the marker line and nothing else, so it can stay as it is.
 */
function blockBody(node: Node, next: Node | undefined, text: string, starts: number[]) {
  const start = node.position?.start;
  const end = node.position?.end.line;
  if (node.type !== "paragraph" || start?.offset === undefined || end === undefined) return undefined;
  const firstCut = start.offset - starts[start.line - 1]!;
  const marker = markerLineOf(text, starts, start.line, firstCut, end);
  if (!marker) return undefined;
  const indent = columnsOf(lineAt(text, starts, marker.line).slice(0, marker.before)) + BODY_INDENT;
  if (!allIndented(text, starts, marker.line + 1, end, indent)) return undefined;
  const takesCode = next?.type === "code" && next.position !== undefined && allIndented(text, starts, next.position.start.line, next.position.end.line, indent);
  const last = takesCode ? next!.position!.end.line : end; // the marker's line when the box is empty
  const markerAlone = end === marker.line && marker.line === start.line && marker.before === firstCut;
  return { opens: start.line, firstCut, marker: marker.line, before: marker.before, markerAlone, indent, last, takesCode };
}

/**
 * Lines `first`..`last` of a text read as Markdown on their own, each without its first `cut(line)`
 * characters, with the nodes' positions moved back to where they are in the text.
 */
function readLines(text: string, starts: number[], first: number, last: number, cut: (source: string, line: number) => number, mdx: boolean, depth: number): Node[] {
  const cuts: number[] = [];
  const lines: string[] = [];
  for (let line = first; line <= last; line++) {
    const source = lineAt(text, starts, line);
    const chars = cut(source, line);
    cuts.push(chars);
    lines.push(source.slice(chars));
  }
  const read = lines.join("\n");
  const readStarts = lineStartsOf(read);
  const tree = readTree(read, { mdx, frontMatter: false }, depth);
  const moved = new Set<object>(); // a point shared by two nodes is moved once
  const moveBack = (point: { line: number; column?: number; offset?: number }) => {
    if (moved.has(point) || point.offset === undefined) return;
    moved.add(point);
    const i = point.line - 1;
    point.offset = starts[first - 1 + i]! + cuts[i]! + (point.offset - readStarts[i]!);
    if (point.column !== undefined) point.column += cuts[i]!;
    point.line += first - 1;
  };
  walk(tree, (n) => {
    if (n.position) {
      moveBack(n.position.start);
      moveBack(n.position.end);
    }
  });
  return tree.children ?? [];
}

/**
 * A box, details block or tab (see BODY_INDENT): its marker line (a paragraph of its title) and the
 * blocks of its body. A container of its own, so a list item's own text stops where a box in it
 * opens (the box's title and body are paragraphs of their own, as the page draws them apart).
 */
const MARKED_BLOCK = "markedBlock";

/** Containers whose blocks are lines indented in the file, where a marker's body is the lines indented past it. */
const INDENTED_CONTAINERS = new Set(["list", "listItem"]);

/**
 * Blocks with each block body (blockBody) read as the Markdown it is, in lists and list items too.
 * What a body's reading gives back is not looked into again: readLines read the bodies in it.
 */
function withBodiesIn(children: Node[], text: string, starts: number[], mdx: boolean, depth: number): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    const body = blockBody(node, children[i + 1], text, starts);
    if (!body) {
      if (INDENTED_CONTAINERS.has(node.type) && node.children) node.children = withBodiesIn(node.children, text, starts, mdx, depth);
      out.push(node);
      continue;
    }
    // A definition's term (and earlier definitions) before the marker line: read apart from it.
    if (body.marker > body.opens) out.push(...readLines(text, starts, body.opens, body.marker - 1, (_, line) => (line === body.opens ? body.firstCut : 0), mdx, depth));
    // The marker line alone: read apart from the body lines the paragraph ran on into.
    const marker = body.markerAlone ? [node] : readLines(text, starts, body.marker, body.marker, () => body.before, mdx, depth);
    const bodyBlocks = body.last > body.marker ? readLines(text, starts, body.marker + 1, body.last, (source) => indentOf(source, body.indent).chars, mdx, depth + 1) : [];
    out.push({ type: MARKED_BLOCK, children: [...marker, ...bodyBlocks] });
    if (body.takesCode) i++;
  }
  return out;
}

/** Whether a text may hold a marker line (BODY_MARKER_START) at all. */
const MAY_HOLD_MARKER = /!!!|\?\?\?|===/;

/** A tree's blocks with each block body read as the Markdown it is (withBodiesIn). */
function withBlockBodies(children: Node[], text: string, mdx: boolean, depth: number): Node[] {
  // A cheap look at the text first: most files have no marker at all.
  if (!MAY_HOLD_MARKER.test(text)) return children;
  return withBodiesIn(children, text, lineStartsOf(text), mdx, depth);
}

/**
 * A text parsed, then parsed again with its markup lines blanked (blankMarkupLines) when it has
 * any, its block bodies read as Markdown (withBlockBodies) up to MAX_BODY_DEPTH levels down.
 */
function readTree(text: string, dialect: Dialect, depth: number): Node {
  let tree = parseTree(text, dialect);
  const blanked = blankMarkupLines(text, tree);
  if (blanked !== text) tree = parseTree(blanked, dialect);
  if (depth < MAX_BODY_DEPTH && tree.children) tree.children = withBlockBodies(tree.children, blanked, dialect.mdx, depth);
  return tree;
}

/** A GitHub alert's marker (`> [!NOTE]`) is rendered as a label, not as text. */
const ALERT_MARKER = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;

interface Block {
  kind: ParagraphKind;
  text: string;
  from: Node;
  to: Node;
  language?: string;
  cells?: string[];
}

const INLINE_BLOCKS = new Set(["paragraph", "html"]);

const isBlankText = (node: Node) => node.type === "text" && !node.value?.trim();

/** A list item's own text: its leading paragraphs (a nested list, code or quote after them are blocks of their own). */
function ownBlocks(item: Node): Node[] {
  const children = item.children ?? [];
  let own = 0;
  while (own < children.length && INLINE_BLOCKS.has(children[own]!.type)) own++;
  return children.slice(0, own);
}

/** An item whose own text (ownBlocks) is nothing but a link to a heading of its page ("- [Errors](#errors)"). */
function linksWithinPage(own: Node[]): boolean {
  if (own.length !== 1 || own[0]!.type !== "paragraph") return false;
  const inline = (own[0]!.children ?? []).filter((c) => !isBlankText(c));
  return inline.length === 1 && inline[0]!.type === "link" && (inline[0]!.url ?? "").startsWith("#");
}

/**
 * A table of contents: a list whose every item, nested lists included, only links to a heading of
 * the same page. It is navigation that repeats headings which are paragraphs already; quoted as
 * an answer ("FST_ERR_NOT_FOUND [1].") it says nothing but the question's own words. A list that
 * mixes such links with anything else (options linking to their sections and to other pages) is
 * content.
 */
function isTableOfContents(list: Node): boolean {
  const items = list.children ?? [];
  return (
    items.length > 0 &&
    items.every((item) => {
      const own = ownBlocks(item);
      const rest = (item.children ?? []).slice(own.length);
      return linksWithinPage(own) && rest.every((child) => child.type === "list" && isTableOfContents(child));
    })
  );
}

/**
 * `inContentItem`: the nodes follow a list item's own text that says something ("Process dependent
 * settings. These sections are processed, in order:"). A list there is that item's content, even
 * when every entry links to its section on the page (GYP's reference names the three settings
 * that way); only a list of links nested in a link is a branch of a table of contents.
 */
function blocksOf(nodes: Node[], out: Block[], inContentItem = false): void {
  for (const node of nodes) {
    switch (node.type) {
      case "heading":
        out.push({ kind: "heading", text: readerText(inlineText(node)).replace(HEADING_ANCHOR, ""), from: node, to: node });
        break;
      case "paragraph": {
        const onlyImages = (node.children ?? []).every((c) => c.type === "image" || isBlankText(c));
        out.push({ kind: onlyImages ? "figure" : "prose", text: readerText(withoutBlockMarker(inlineText(node))).replace(ALERT_MARKER, ""), from: node, to: node });
        break;
      }
      case "html": {
        const html = node.value ?? "";
        out.push({ kind: HTML_HEADING.test(html) ? "heading" : "prose", text: htmlBlockText(html), from: node, to: node });
        break;
      }
      case "code":
        out.push({ kind: "code", text: node.value ?? "", from: node, to: node, language: node.lang ?? undefined });
        break;
      case "list":
        if (inContentItem || !isTableOfContents(node)) blocksOf(node.children ?? [], out);
        break;
      case "listItem": {
        const own = ownBlocks(node);
        if (own.length > 0) {
          const text = own
            .map((c) => (c.type === "html" ? htmlBlockText(c.value ?? "") : readerText(inlineText(c))))
            .filter(Boolean)
            .join("\n");
          out.push({ kind: "list-item", text, from: node, to: own[own.length - 1]! });
        }
        blocksOf((node.children ?? []).slice(own.length), out, own.length > 0 && !linksWithinPage(own));
        break;
      }
      case "tableRow":
        out.push({ kind: "table-row", ...tableRow((node.children ?? []).map((cell) => readerText(inlineText(cell)))), from: node, to: node });
        break;
      case "yaml":
      case "toml":
      case "mdxjsEsm":
      case "mdxFlowExpression":
      case "thematicBreak":
      case "definition":
        break; // metadata and markup, not prose
      default:
        // root, table, blockquote, footnoteDefinition, MDX components (<Tabs>…</Tabs>):
        // the container is markup; the blocks inside are paragraphs.
        blocksOf(node.children ?? [], out);
    }
  }
}

function frontMatterTitle(tree: Node): string | undefined {
  const yaml = tree.children?.find((n) => n.type === "yaml");
  if (!yaml?.value) return undefined;
  try {
    const data = parseYaml(yaml.value) as unknown;
    const title = data && typeof data === "object" ? (data as Record<string, unknown>).title : undefined;
    return typeof title === "string" && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined; // front matter that is not YAML names nothing
  }
}

/**
 * Reads a Markdown/MDX file into numbered paragraphs (see MarkdownDocument); throws
 * MarkdownTooComplexError, before parsing, for text shaped to stall the parser (markdown-limits.ts).
 */
export function parseMarkdown(file: string, text: string): MarkdownDocument {
  const tooComplex = markdownTooComplex(text);
  if (tooComplex) throw new MarkdownTooComplexError(tooComplex);
  const mdx = /\.mdx$/i.test(file);
  const tree = readTree(text, { mdx, frontMatter: true }, 0);
  const blocks: Block[] = [];
  blocksOf(tree.children ?? [], blocks);
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    const start = block.from.position?.start;
    const end = block.to.position?.end;
    if (!block.text.trim() || start?.offset === undefined || end?.offset === undefined) continue;
    paragraphs.push({
      file,
      n: paragraphs.length + 1,
      line: start.line,
      endLine: end.line,
      start: start.offset,
      end: end.offset,
      text: block.text,
      kind: block.kind,
      ...(block.language ? { language: block.language } : {}),
      ...(block.cells ? { cells: block.cells } : {}),
      hash: hashText(block.text),
    });
  }
  return { title: frontMatterTitle(tree), paragraphs };
}
