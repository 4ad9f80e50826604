import mammoth from "mammoth";
import type { Paragraph } from "../src/types.js";
import { withExtractedOffsets } from "./extracted-text.js";
import { parseHtml } from "./html.js";

/** Images are not text: mammoth is told to leave them out rather than inline them as data URLs. */
const noImages = mammoth.images.imgElement(async () => ({ src: "" }));

/** Word's Title and Subtitle styles are the document's first headings; mammoth reads them as plain paragraphs. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * A Word file (`.docx`) read by mammoth into structured HTML (headings from Word's heading
 * styles, paragraphs, list items, tables) and then exactly as an HTML page (ingest/html.ts): a
 * heading, a paragraph, a list item and a table row are each one paragraph. A Word file has no
 * source lines, so `line`/`endLine` are the paragraph's number and the offsets point into the
 * extracted text (ingest/extracted-text.ts).
 */
export async function readDocx(file: string, bytes: Buffer): Promise<{ paragraphs: Paragraph[] }> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes }, { convertImage: noImages, styleMap: STYLE_MAP });
  const { paragraphs } = parseHtml(file, html);
  return { paragraphs: withExtractedOffsets(paragraphs.map((p) => ({ ...p, line: p.n, endLine: p.n }))) };
}
