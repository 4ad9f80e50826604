import iconv from "iconv-lite";
import { documentFormat } from "../src/text/document-format.js";
import { type Decoded, decodeText } from "./decode.js";
import { type DocumentParagraphs, readDocument } from "./paragraphs.js";
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
  // Each reader is imported when a file of its format comes up: PDF.js, mammoth and parse5 take
  // ~0.45 s to import, which a corpus of text and Markdown should never pay.
  const format = documentFormat(file);
  if (format === "pdf") return (await import("./pdf/read-pdf.js")).readPdf(file, bytes);
  if (format === "docx") return (await import("./docx.js")).readDocx(file, bytes);
  const decoded = format === "html" ? decodeHtml(bytes) : decodeText(bytes);
  if (!decoded.ok) throw new SkipFile(decoded.reason);
  if (format === "html") return (await import("./html.js")).parseHtml(file, decoded.text);
  return readDocument(file, decoded.text);
}

/**
 * A saved web page in UTF-8, or in the legacy encoding its `<meta charset>` declares (an older
 * page saved as windows-1252, say), looked for where browsers look: the first 1024 bytes.
 */
function decodeHtml(bytes: Buffer): Decoded {
  const decoded = decodeText(bytes);
  if (decoded.ok || decoded.reason !== "not valid UTF-8") return decoded;
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(bytes.subarray(0, 1024).toString("latin1"))?.[1];
  if (!declared) return decoded;
  // iconv-lite, not TextDecoder: Node's TextDecoder reads windows-1252 as latin1, losing € and “”.
  if (!iconv.encodingExists(declared)) return { ok: false, reason: `not valid UTF-8, and its declared charset ${declared} is unknown` };
  const text = iconv.decode(bytes, declared);
  return text.trim() ? { ok: true, text } : { ok: false, reason: "no text" };
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
