import type { DocumentParagraphs } from "./paragraphs.js";

/**
 * One file's parse by a reader that can run long (remark, parse5, mammoth, PDF.js): the part of
 * reading a document that runs in a parser worker (ingest/parser-pool/) under a time budget.
 * Decoding and the Markdown pre-check (markdown-limits.ts) stay with the caller: they are linear
 * and cheap, and a file they refuse never costs a worker. The same function runs in a worker and
 * in process, so both give the same paragraphs.
 */
export type ParseJob =
  | { format: "markdown" | "html"; file: string; text: string }
  | { format: "docx" | "pdf"; file: string; bytes: Uint8Array };

export type ParseFormat = ParseJob["format"];

export interface ParsedDocument extends DocumentParagraphs {
  /** A PDF's page count. */
  pages?: number;
}

export type Parse = (job: ParseJob) => Promise<ParsedDocument>;

/**
 * The reader for a format, imported when a file of it first comes up: PDF.js, mammoth and parse5
 * take ~0.45 s to import, which a corpus of text and Markdown should never pay. A worker loads the
 * reader before its clock starts, so the budget times the parse, not the import.
 */
export async function parserFor(format: ParseFormat): Promise<Parse> {
  switch (format) {
    case "markdown": {
      const { parseMarkdown } = await import("./markdown.js");
      return async (job) => parseMarkdown(job.file, textOf(job));
    }
    case "html": {
      const { parseHtml } = await import("./html.js");
      return async (job) => parseHtml(job.file, textOf(job));
    }
    case "docx": {
      const { readDocx } = await import("./docx.js");
      return (job) => readDocx(job.file, bufferOf(job));
    }
    case "pdf": {
      const { readPdf } = await import("./pdf/read-pdf.js");
      return (job) => readPdf(job.file, bufferOf(job));
    }
  }
}

/** Parses in this thread, without a time budget (tests, and callers outside an ingest). */
export const parseInProcess: Parse = async (job) => (await parserFor(job.format))(job);

function textOf(job: ParseJob): string {
  if (!("text" in job)) throw new Error(`a ${job.format} job carries text`);
  return job.text;
}

/** The file's bytes as a Buffer (a worker receives them as a plain Uint8Array), without a copy. */
function bufferOf(job: ParseJob): Buffer {
  if (!("bytes" in job)) throw new Error(`a ${job.format} job carries bytes`);
  return Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
}
