import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Paragraph } from "../src/types.js";
import { type ListedFile, type SkippedFile, corpusPath, listTextFiles, unopenedReason } from "./listing.js";
import { readDocumentBytes, unreadableReason } from "./read-document.js";
import { MarkdownTooComplexError } from "./markdown-limits.js";
import { SkipFile } from "./skip.js";
import { withoutSiteBoilerplate } from "./site-boilerplate.js";
import { withoutUnindexedPages } from "./unindexed-pages.js";
import type { Parse } from "./parse-job.js";
import { DEFAULT_PARSE_TIMEOUT_MS } from "./parser-pool/budget.js";
import { ParserPool, ParserUnavailableError } from "./parser-pool/pool.js";

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
  /** Read from a page that asks search engines not to index it; dropped once weighed (unindexed-pages.ts). */
  noindex?: true;
}

export type { ListedFile, SkippedFile } from "./listing.js";

export interface Corpus {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** One file's paragraphs, or why it was skipped: nothing in one file may fail the whole ingest. */
async function readOne(dir: string, listed: ListedFile, parse: Parse): Promise<CorpusFile | SkippedFile> {
  const file = corpusPath(dir, listed.path);
  if (listed.size > MAX_FILE_BYTES) return { file, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  let bytes: Buffer;
  try {
    bytes = await readFile(listed.real);
  } catch (err) {
    return { file, reason: unopenedReason(err) };
  }
  try {
    const { title, paragraphs, pages, noindex } = await readDocumentBytes(file, bytes, parse);
    // A page or Word file that shows no text (all navigation, only images), a Markdown file of
    // front matter and comments only: nothing to cite.
    if (paragraphs.length === 0) return { file, reason: "no text" };
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return { file, sha256, bytes: bytes.length, ...(title ? { title } : {}), ...(pages ? { pages } : {}), paragraphs, ...(noindex ? { noindex } : {}) };
  } catch (err) {
    if (err instanceof ParserUnavailableError) throw err; // no file's fault: the ingest cannot parse at all
    if (err instanceof SkipFile) return { file, reason: err.reason };
    if (err instanceof MarkdownTooComplexError) return { file, reason: `not parsed as Markdown: ${err.message}` };
    // Whatever fails in decoding or splitting (remark, parse5, mammoth, PDF.js) skips this file only.
    return { file, reason: `${unreadableReason(file)} (${err instanceof Error ? err.message : String(err)})` };
  }
}

export interface ReadOptions {
  /** Longest one file's parse may run (PARSE_TIMEOUT_MS); a file past it is skipped. */
  parseTimeoutMs?: number;
  /** Called with 0 before the first file and after each file is read or skipped: reading a large folder takes minutes. */
  onFile?: (done: number, total: number) => void;
}

/**
 * Reads a folder into paragraphs; a file that cannot be read, or whose parse runs past the
 * budget, is reported, never fatal. Files are read a few at a time so the parser workers stay busy
 * while this thread decodes the next ones; the result keeps the listing's order. A site's HTML
 * pages are then read without the few it keeps out of search engines (unindexed-pages.ts) and
 * without what it repeats on most of them (site-boilerplate.ts).
 */
export async function readCorpus(dir: string, listed?: ListedFile[], alreadySkipped: SkippedFile[] = [], options: ReadOptions = {}): Promise<Corpus> {
  const skipped: SkippedFile[] = [...alreadySkipped];
  const paths = listed ?? (await listTextFiles(dir, skipped));
  const pool = new ParserPool(options.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS);
  let results: (CorpusFile | SkippedFile)[];
  try {
    // Twice the workers: each has its next file decoded and checked when it finishes one.
    let done = 0;
    options.onFile?.(0, paths.length);
    results = await mapInOrder(paths, pool.size * 2, async (one) => {
      const result = await readOne(dir, one, pool.parse);
      options.onFile?.(++done, paths.length);
      return result;
    });
  } finally {
    await pool.close();
  }
  const read: CorpusFile[] = [];
  for (const result of results) {
    if ("reason" in result) skipped.push(result);
    else read.push(result);
  }
  const files: CorpusFile[] = [];
  for (const file of withoutSiteBoilerplate(withoutUnindexedPages(read, skipped))) {
    if (file.paragraphs.length > 0) files.push(file);
    else skipped.push({ file: file.file, reason: "no text but what every page of the site repeats" });
  }
  return { files, skipped };
}

/** run over items, at most `lanes` at once, results in the items' order. */
async function mapInOrder<T, R>(items: T[], lanes: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await run(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return results;
}
