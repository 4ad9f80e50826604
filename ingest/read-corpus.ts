import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Paragraph } from "../src/types.js";
import { decodeText } from "./decode.js";
import { type ListedFile, type SkippedFile, corpusPath, errorCode, listTextFiles } from "./listing.js";
import { isMarkdownFile } from "./markdown.js";
import { MarkdownTooComplexError } from "./markdown-limits.js";
import { readDocument } from "./paragraphs.js";

/** Larger files are skipped: they are almost never prose a person wants cited. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface CorpusFile {
  file: string;
  sha256: string;
  bytes: number;
  /** The document's own title (Markdown front matter), when it gives one. */
  title?: string;
  paragraphs: Paragraph[];
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
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { file, reason: decoded.reason };
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const { title, paragraphs } = readDocument(file, decoded.text);
    return { file, sha256, bytes: bytes.length, ...(title ? { title } : {}), paragraphs };
  } catch (err) {
    if (err instanceof MarkdownTooComplexError) return { file, reason: `not parsed as Markdown: ${err.message}` };
    // Whatever fails in decoding or splitting (remark on a Markdown file included) skips this file only.
    const what = isMarkdownFile(file) ? "could not be parsed as Markdown" : "could not be split into paragraphs";
    return { file, reason: `${what} (${err instanceof Error ? err.message : String(err)})` };
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
