import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { readFile, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import type { Paragraph } from "../src/types.js";
import { decodeText } from "./decode.js";
import { isMarkdownFile } from "./markdown.js";
import { readDocument } from "./paragraphs.js";

const TEXT_EXTENSIONS = /\.(txt|md|markdown|mdx)$/i;
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

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Corpus {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** A text file found in the corpus: where it is listed, where it really is, and its size and time. */
export interface ListedFile {
  /** The path inside the corpus (a link's own path), which citations show. */
  path: string;
  /** Its real path, always inside the corpus root: what is read. */
  real: string;
  size: number;
  mtimeMs: number;
}

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** Whether a real path is the root or inside it. */
function inside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Every .txt/.md/.mdx file under dir, depth-first, sorted, following no folder twice. A symlink is
 * followed only when its real path stays inside the corpus root: a link to /etc/passwd or to a
 * folder elsewhere is skipped with its reason, never read (and so never served).
 */
export async function listTextFiles(dir: string, skipped: SkippedFile[]): Promise<ListedFile[]> {
  const root = await realpath(dir);
  const found: ListedFile[] = [];
  const seen = new Set<string>();
  const walk = async (folder: string, realFolder: string): Promise<void> => {
    if (seen.has(realFolder)) return; // a link back to a folder already walked
    seen.add(realFolder);
    let entries: Dirent[];
    try {
      entries = await readdir(realFolder, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: relative(dir, folder) || ".", reason: `unreadable folder (${errorCode(err)})` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      let real = join(realFolder, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await realpath(real).catch(() => null);
        if (target === null) {
          if (TEXT_EXTENSIONS.test(entry.name)) skipped.push({ file: corpusPath(dir, path), reason: "broken symlink" });
          continue;
        }
        if (!inside(root, target)) {
          skipped.push({ file: corpusPath(dir, path), reason: "symlink to outside the corpus" });
          continue;
        }
        real = target;
      }
      const info = await stat(real).catch(() => null);
      if (info?.isDirectory()) await walk(path, real);
      else if (info?.isFile() && TEXT_EXTENSIONS.test(entry.name)) found.push({ path, real, size: info.size, mtimeMs: info.mtimeMs });
    }
  };
  await walk(dir, root);
  return found;
}

export function corpusPath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join("/");
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
