import { createHash } from "node:crypto";
import { readFile, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Paragraph } from "../src/types.js";
import { decodeText } from "./decode.js";
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

/** Every .txt/.md/.mdx file under dir, depth-first, sorted, following no symlink twice. */
async function listTextFiles(dir: string, skipped: SkippedFile[]): Promise<{ path: string; size: number }[]> {
  const found: { path: string; size: number }[] = [];
  const seen = new Set<string>();
  const walk = async (folder: string): Promise<void> => {
    const real = await realpath(folder).catch(() => null);
    if (real === null || seen.has(real)) return; // symlink loop or dangling link
    seen.add(real);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: relative(dir, folder) || ".", reason: `unreadable folder (${(err as NodeJS.ErrnoException).code})` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      const info = await stat(path).catch(() => null);
      if (info?.isDirectory()) await walk(path);
      else if (info?.isFile() && TEXT_EXTENSIONS.test(entry.name)) found.push({ path, size: info.size });
    }
  };
  await walk(dir);
  return found;
}

function corpusPath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join("/");
}

/** Reads a folder into paragraphs; a file that cannot be read is reported, never fatal. */
export async function readCorpus(dir: string): Promise<Corpus> {
  const skipped: SkippedFile[] = [];
  const paths = await listTextFiles(dir, skipped);
  const files: CorpusFile[] = [];
  for (const { path, size } of paths) {
    const file = corpusPath(dir, path);
    let bytes: Buffer;
    try {
      if (size > MAX_FILE_BYTES) {
        skipped.push({ file, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
        continue;
      }
      bytes = await readFile(path);
    } catch (err) {
      skipped.push({ file, reason: `unreadable (${(err as NodeJS.ErrnoException).code})` });
      continue;
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) {
      skipped.push({ file, reason: decoded.reason });
      continue;
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const { title, paragraphs } = readDocument(file, decoded.text);
    files.push({ file, sha256, bytes: bytes.length, ...(title ? { title } : {}), paragraphs });
  }
  return { files, skipped };
}
