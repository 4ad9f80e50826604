import type { Paragraph } from "../src/types.js";

/**
 * PDF and Word files have no text of their own to point into, so their paragraphs' offsets are
 * into the extracted text: every paragraph's text joined by a blank line (README: Paragraph
 * numbers). `line`/`endLine` are left as the reader set them.
 */
export const EXTRACTED_SEPARATOR = "\n\n";

export function withExtractedOffsets(paragraphs: Paragraph[]): Paragraph[] {
  let at = 0;
  return paragraphs.map((p) => {
    const start = at;
    at += p.text.length + EXTRACTED_SEPARATOR.length;
    return { ...p, start, end: start + p.text.length };
  });
}

/** The extracted text those offsets point into. */
export function extractedText(paragraphs: Paragraph[]): string {
  return paragraphs.map((p) => p.text).join(EXTRACTED_SEPARATOR);
}
