import mammoth from "mammoth";
import type { Paragraph } from "../src/types.js";
import { withExtractedOffsets } from "./extracted-text.js";
import { parseHtml } from "./html.js";

/**
 * A picture's bytes are not text: mammoth is told not to inline them as data URLs. Its `<img>`
 * keeps the picture's description as alt text, which a picture standing alone is read as (html.ts).
 */
const noImages = mammoth.images.imgElement(async () => ({ src: "" }));

/**
 * Paragraph styles that set code: pandoc's "Source Code", Word's "HTML Preformatted" (a web page's
 * `pre` pasted or saved into Word), LibreOffice's "Preformatted Text", and "Code". mammoth knows
 * none of them and writes a code block as a paragraph of prose, its lines run together.
 */
const CODE_STYLES = ["Source Code", "HTML Preformatted", "Preformatted Text", "Code"];
/** What a code paragraph is renamed to when it is a whole block of its own (see codeBlocks). */
const CODE_BLOCK = "Code block (whole)";

/**
 * Word's Title and Subtitle styles are the document's first headings; mammoth reads them as plain
 * paragraphs. Code is a `pre`: consecutive code paragraphs, one line each as Word writes a listing,
 * are one block, a line each; a paragraph that is a whole block (see codeBlocks) is a block alone.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  ...CODE_STYLES.map((style) => `p[style-name='${style}'] => pre:separator('\\n')`),
  `p[style-name='${CODE_BLOCK}'] => pre:fresh`,
];

interface WordElement {
  type: string;
  styleName?: string | null;
  breakType?: string;
  children?: WordElement[];
}

const isCode = (e: WordElement) => e.type === "paragraph" && CODE_STYLES.includes(e.styleName ?? "");
const hasLineBreak = (e: WordElement): boolean => (e.children ?? []).some((c) => (c.type === "break" && c.breakType === "line") || hasLineBreak(c));

/**
 * pandoc writes each code block as one paragraph, its lines separated by line breaks, so two blocks
 * in a row are two code paragraphs in a row: when one of a run of code paragraphs holds line
 * breaks, each of them is a block of its own (renamed CODE_BLOCK), not a line of one listing.
 */
function codeBlocks(element: WordElement): WordElement {
  const children = element.children;
  if (!children) return element;
  for (let i = 0; i < children.length; ) {
    if (!isCode(children[i]!)) {
      codeBlocks(children[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < children.length && isCode(children[end]!)) end++;
    const run = children.slice(i, end);
    if (run.some(hasLineBreak)) for (const p of run) p.styleName = CODE_BLOCK;
    i = end;
  }
  return element;
}

/**
 * A Word file (`.docx`) read by mammoth into structured HTML (headings from Word's heading
 * styles, paragraphs, list items, tables, code blocks) and then exactly as an HTML page (ingest/html.ts): a
 * heading, a paragraph, a list item and a table row are each one paragraph. A Word file has no
 * source lines, so `line`/`endLine` are the paragraph's number and the offsets point into the
 * extracted text (ingest/extracted-text.ts).
 */
export async function readDocx(file: string, bytes: Buffer): Promise<{ paragraphs: Paragraph[] }> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes }, { convertImage: noImages, styleMap: STYLE_MAP, transformDocument: codeBlocks });
  const { paragraphs } = parseHtml(file, html);
  return { paragraphs: withExtractedOffsets(paragraphs.map((p) => ({ ...p, line: p.n, endLine: p.n }))) };
}
