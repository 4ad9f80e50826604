import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Paragraph } from "../src/types.js";
import { type ListedFile, type SkippedFile, corpusPath, errorCode, listTextFiles } from "./listing.js";
import { readDocumentBytes, unreadableReason } from "./read-document.js";
import { SkipFile } from "./skip.js";
import { documentFormat } from "../src/text/document-format.js";

const isExtractedFormat = (file: string) => ["html", "docx", "pdf"].includes(documentFormat(file) ?? "");

/** Larger files are skipped: they are almost never prose a person wants cited. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface CorpusFile {
  file: string;
  sha256: string;
  bytes: number;
  /** The document's own title (Markdown front matter, an HTML page's <title>), when it gives one. */
  title?: string;
  paragraphs: Paragraph[];
  /** A PDF's page count. */
  pages?: number;
}

export type { ListedFile, SkippedFile } from "./listing.js";

export interface Corpus {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** One file's paragraphs, or why it was skipped: nothing in one file may fail the whole ingest. */
async function readOne(dir: string, listed: ListedFile): Promise<CorpusFile | SkippedFile> {
  const file = corpusPath(dir, listed.path);
  if (listed.size > MAX_FILE_BYTES) return { file, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  let bytes: Buffer;
  try {
    bytes = await readFile(listed.real);
  } catch (err) {
    return { file, reason: `unreadable (${errorCode(err)})` };
  }
  try {
    const { title, paragraphs, pages } = await readDocumentBytes(file, bytes);
    // A page or Word file that shows no text (all navigation, only images) has nothing to cite.
    if (paragraphs.length === 0 && isExtractedFormat(file)) return { file, reason: "no text" };
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return { file, sha256, bytes: bytes.length, ...(title ? { title } : {}), ...(pages ? { pages } : {}), paragraphs };
  } catch (err) {
    if (err instanceof SkipFile) return { file, reason: err.reason };
    // Whatever fails in decoding or splitting (remark, parse5, mammoth, PDF.js) skips this file only.
    return { file, reason: `${unreadableReason(file)} (${err instanceof Error ? err.message : String(err)})` };
  }
}

/** Reads a folder into paragraphs; a file that cannot be read is reported, never fatal. */
export async function readCorpus(dir: string, listed?: ListedFile[], alreadySkipped: SkippedFile[] = []): Promise<Corpus> {
  const skipped: SkippedFile[] = [...alreadySkipped];
  const paths = listed ?? (await listTextFiles(dir, skipped));
  const files: CorpusFile[] = [];
  for (const one of paths) {
    const result = await readOne(dir, one);
    if ("reason" in result) skipped.push(result);
    else files.push(result);
  }
  return { files, skipped };
}
