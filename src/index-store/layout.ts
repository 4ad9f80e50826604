import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { IndexDamagedError } from "./index-damaged.js";

/**
 * On disk an index folder holds finished builds and a pointer to the live one:
 *
 *   index/CURRENT               name of the live build (replaced atomically by rename)
 *   index/builds/<name>/        manifest.json, hnswlib.index, docstore.json, args.json (LangChain's
 *                               HNSWLib format), lexicon.json, and paragraphs.ndjson + bm25.bin
 *                               + shapes.bin (what the server loads; see serving-files.ts)
 *
 * Ingest writes a whole new build beside the live one and only then moves CURRENT, so a crash
 * at any point leaves the previous index intact and readers never see a half-written one.
 */
/**
 * 3: paragraphs.ndjson carries each paragraph with its Markdown fields (endLine, kind, language),
 * bm25.bin the BM25 postings written at ingest, and the manifest the corpus it was built from and
 * the corpus listing's stamp. Two lines of work each called their layout 2 (Markdown: endLine,
 * kind and the corpus in the manifest; hardening: paragraphs.ndjson and bm25.bin), so neither 2
 * can be trusted to hold the other's fields: an index of format 1 or 2 is re-embedded once.
 * 4: a PDF paragraph carries its page and its number on the page (`page`, `pageParagraph`), and
 * the chunks digest covers paragraphs' places, not only their text; an index of format 3 is
 * rebuilt once.
 * 5: shapes.bin holds each paragraph's document, kind and text length, so ranking a question's
 * pooled paragraphs parses none of them; an index of format 4 is rebuilt once.
 * 6: a table of contents in Markdown or HTML (a list that only links to places on its own page)
 * is no paragraph, so such documents' paragraphs are numbered anew; an index of format 5 is
 * rebuilt once, so it stops quoting those entries and cites by the numbers the parser now gives.
 * 7: words of scripts written without spaces (Chinese, Japanese, Thai…) are cut by a dictionary,
 * letters keep their combining marks (Hindi) and other scripts' stopwords go (src/text/terms.ts),
 * so the stored BM25 postings and lexicon change; an index of format 6 is rebuilt once.
 */
export const FORMAT_VERSION = 7;
export const STORE_FILES = ["hnswlib.index", "docstore.json", "args.json", "lexicon.json", "paragraphs.ndjson", "bm25.bin", "shapes.bin"] as const;

export interface FileEntry {
  sha256: string;
  bytes: number;
  paragraphs: number;
  /** The document's own title (Markdown front matter, an HTML page's <title>), when it gives one. */
  title?: string;
  /** A PDF's page count. */
  pages?: number;
}

export interface Manifest {
  formatVersion: number;
  createdAt: string;
  /** The folder the index was built from (absolute) and its name: an index serves that corpus only. */
  corpus: { dir: string; name: string };
  embedder: { id: string; dims: number };
  files: Record<string, FileEntry>;
  paragraphs: number;
  /** sha256 over every paragraph's file and chunk hash, in order: equal means nothing to embed or write. */
  chunksDigest: string;
  /** sha256 over the corpus listing (path, size, mtime of every file): equal means nothing to re-read. */
  listingDigest?: string;
  skipped: { file: string; reason: string }[];
  /** Size and sha256 of each store file, checked before anything is loaded from it. */
  store: Record<string, { bytes: number; sha256: string }>;
}

export class IndexMissingError extends Error {}
export { IndexDamagedError };

export const buildsDir = (indexDir: string) => join(indexDir, "builds");
export const buildDir = (indexDir: string, name: string) => join(buildsDir(indexDir), name);
const currentFile = (indexDir: string) => join(indexDir, "CURRENT");

export async function currentBuildName(indexDir: string): Promise<string | null> {
  try {
    const name = (await readFile(currentFile(indexDir), "utf8")).trim();
    return /^[\w.-]+$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

export async function setCurrentBuild(indexDir: string, name: string): Promise<void> {
  const temp = `${currentFile(indexDir)}.${process.pid}.tmp`;
  await writeFile(temp, `${name}\n`);
  await rename(temp, currentFile(indexDir));
}

/** A build written in another format than this version reads: rebuilt from the corpus, not loaded. */
export class IndexFormatError extends IndexDamagedError {
  constructor(
    dir: string,
    readonly found: unknown,
  ) {
    super(`index format ${String(found)} in ${dir}; this version reads format ${FORMAT_VERSION}`);
  }
}

/**
 * A build's manifest as written, whatever its format: what an older build says about itself
 * (its format, the corpus it was built from) is still read, never its store files.
 */
export async function readManifestAnyFormat(dir: string): Promise<Partial<Manifest>> {
  try {
    return JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Partial<Manifest>;
  } catch (err) {
    throw new IndexDamagedError(`manifest.json in ${dir} is missing or unreadable (${(err as Error).message})`);
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  const manifest = await readManifestAnyFormat(dir);
  if (manifest.formatVersion !== FORMAT_VERSION) throw new IndexFormatError(dir, manifest.formatVersion);
  return manifest as Manifest;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    // 1 MB reads: ~2 ms of hashing each, so a 100 MB index never holds the event loop for long.
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

export async function describeStoreFiles(dir: string): Promise<Manifest["store"]> {
  const store: Manifest["store"] = {};
  for (const name of STORE_FILES) {
    const path = join(dir, name);
    const { size } = await stat(path);
    store[name] = { bytes: size, sha256: await sha256File(path) };
  }
  return store;
}
