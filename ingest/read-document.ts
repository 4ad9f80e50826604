import iconv from "iconv-lite";
import { documentFormat } from "../src/text/document-format.js";
import { type Decoded, decodeText } from "./decode.js";
import { MarkdownTooComplexError, markdownTooComplex } from "./markdown-limits.js";
import { type Parse, type ParsedDocument, parseInProcess } from "./parse-job.js";
import { splitPlainText } from "./plain-text.js";
import { SkipFile } from "./skip.js";

export type ReadDocument = ParsedDocument;

/**
 * A file's paragraphs by its format: plain text split here (plain-text.ts: linear in the file's
 * size), Markdown (markdown.ts), HTML (html.ts), Word (docx.ts) and PDF (pdf/read-pdf.ts) handed
 * to `parse` — an ingest's parser pool (ingest/parser-pool/), which bounds each parse in time,
 * or this thread. A file that holds nothing to index throws SkipFile with the reason the report
 * gives; Markdown shaped to stall remark throws MarkdownTooComplexError before any parse.
 */
export async function readDocumentBytes(file: string, bytes: Buffer, parse: Parse = parseInProcess): Promise<ReadDocument> {
  const format = documentFormat(file);
  if (bytes.length === 0) throw new SkipFile("empty file");
  if (format === "pdf" || format === "docx") return parse({ format, file, bytes });
  const decoded = format === "html" ? decodeHtml(bytes) : decodeText(bytes);
  if (!decoded.ok) throw new SkipFile(decoded.reason);
  if (format === "html") return parse({ format, file, text: decoded.text });
  if (format === "markdown") {
    const tooComplex = markdownTooComplex(decoded.text);
    if (tooComplex) throw new MarkdownTooComplexError(tooComplex);
    return parse({ format, file, text: decoded.text });
  }
  return { paragraphs: splitPlainText(file, decoded.text) };
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
