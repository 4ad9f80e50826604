import type { Paragraph } from "../src/types.js";
import { isMarkdownFile, parseMarkdown } from "./markdown.js";
import { splitPlainText } from "./plain-text.js";

export { hashText } from "./hash.js";
export { type ParagraphRule, ruleFor, splitPlainText } from "./plain-text.js";

/** A document's paragraphs, and its title where the document names one (Markdown front matter). */
export interface DocumentParagraphs {
  title?: string;
  paragraphs: Paragraph[];
  /** An HTML page that asks search engines not to index it (ingest/unindexed-pages.ts). */
  noindex?: true;
}

/** Cuts a decoded file into numbered paragraphs by its format; numbering depends only on what precedes. */
export function readDocument(file: string, text: string): DocumentParagraphs {
  if (isMarkdownFile(file)) return parseMarkdown(file, text);
  return { paragraphs: splitPlainText(file, text) };
}

/** The paragraphs of a file (see readDocument). */
export function splitParagraphs(file: string, text: string): Paragraph[] {
  return readDocument(file, text).paragraphs;
}

