import { documentFormat } from "../src/text/document-format.js";
import { decodeText } from "./decode.js";
import { readDocx } from "./docx.js";
import { parseHtml } from "./html.js";
import { type DocumentParagraphs, readDocument } from "./paragraphs.js";
import { readPdf } from "./pdf/read-pdf.js";
import { SkipFile } from "./skip.js";

export interface ReadDocument extends DocumentParagraphs {
  /** A PDF's page count. */
  pages?: number;
}

/**
 * A file's paragraphs by its format: text and Markdown as ever (paragraphs.ts, markdown.ts),
 * HTML (html.ts), Word (docx.ts) and PDF (pdf/read-pdf.ts). A file that holds nothing to index
 * throws SkipFile with the reason the report gives.
 */
export async function readDocumentBytes(file: string, bytes: Buffer): Promise<ReadDocument> {
  const format = documentFormat(file);
  if (format === "pdf") return readPdf(file, bytes);
  if (format === "docx") return readDocx(file, bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new SkipFile(decoded.reason);
  if (format === "html") return parseHtml(file, decoded.text);
  return readDocument(file, decoded.text);
}

/** What the report says when a file of this format could not be read. */
export function unreadableReason(file: string): string {
  switch (documentFormat(file)) {
    case "markdown":
      return "could not be parsed as Markdown";
    case "html":
      return "could not be parsed as HTML";
    case "docx":
      return "could not be read as a Word file";
    case "pdf":
      return "could not be read as a PDF";
    default:
      return "could not be split into paragraphs";
  }
}
