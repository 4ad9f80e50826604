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
 * - a whole fenced or indented code block, never split (blank lines and `#` comments included);
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

function parser(mdx: boolean) {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml", "toml"]);
  return mdx ? processor.use(remarkMdx) : processor;
}

/** MDX's `import`/`export` lines, as plain Markdown reads them (a paragraph) when MDX refused the file. */
const ESM_LINE = /^(?:import|export)\s/;

function parseTree(text: string, mdx: boolean): Node {
  if (mdx) {
    try {
      return parser(true).parse(text) as unknown as Node;
    } catch {
      // MDX refuses what plain Markdown allows (an HTML comment, a stray `{` or `<`); the file is
      // still Markdown to a reader, so it is read as Markdown rather than skipped — without its
      // import/export lines, which are code for the site builder, not prose.
      const tree = parser(false).parse(text) as unknown as Node;
      tree.children = tree.children?.filter((n) => !(n.type === "paragraph" && ESM_LINE.test(inlineText(n))));
      return tree;
    }
  }
  return parser(false).parse(text) as unknown as Node;
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

/**
 * Blanks markup lines (MARKUP_LINE, outside code blocks) with spaces of the same length, so the
 * parser sees what they enclose as ordinary blocks and every offset stays where it was.
 */
function blankMarkupLines(text: string, tree: Node): string {
  const codeLines: [number, number][] = [];
  walk(tree, (n) => {
    if (n.type === "code" && n.position) codeLines.push([n.position.start.line, n.position.end.line]);
  });
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
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

function blocksOf(nodes: Node[], out: Block[]): void {
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
        if (!isTableOfContents(node)) blocksOf(node.children ?? [], out);
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
        blocksOf((node.children ?? []).slice(own.length), out);
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
  let tree = parseTree(text, mdx);
  const blanked = blankMarkupLines(text, tree);
  if (blanked !== text) tree = parseTree(blanked, mdx);
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
