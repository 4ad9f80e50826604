import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { insideFolder as inside, sameFolder } from "../src/index-store/corpus-identity.js";
import { buildDir, currentBuildName, readManifest } from "../src/index-store/layout.js";
import { documentFormat, unreadDocumentReason } from "../src/text/document-format.js";
import type { IngestSummary } from "./build-index.js";
import { READERS_VERSION } from "./readers-version.js";

/**
 * Finding the corpus's files and recognising an unchanged corpus from its listing alone. Kept
 * apart from reading and parsing (read-corpus.ts, markdown.ts): a start with an unchanged corpus
 * needs only this, and loading remark and the rest of ingest costs it ~0.5 s.
 */
const isDocument = (name: string) => documentFormat(name) !== undefined;

export interface SkippedFile {
  file: string;
  reason: string;
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

export const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The report's reason for a file that could not be read (listed, or opened): a retried skip (see RETRIED_SKIP). */
export const unopenedReason = (err: unknown) => `unreadable (${typeof err === "string" ? err : errorCode(err)})`;


/**
 * A built docs site's fonts come with their licences, in the fonts' own folder: mdBook writes
 * `fonts/OPEN-SANS-LICENSE.txt` and `SOURCE-CODE-PRO-LICENSE.txt` into every book (17 copies in
 * Rust's docs here), rustdoc `static.files/FiraSans-LICENSE-….txt` and its kin. Read, they were
 * pages of the site: a 2,000-character question of lorem ipsum was answered from one. A licence
 * file (by its name) in a folder holding web fonts is skipped, with its reason; a project's own
 * LICENSE, in a folder without fonts, is read.
 */
const WEB_FONT = /\.(?:woff2?|ttf|otf|eot)$/i;
const FONT_LICENCE = /licen[cs]e|copying|copyright|\bofl\b/i;
const FONT_LICENCE_REASON = "the licence of the web fonts beside it (a built site's assets), not a page of the site";

/** The documents of a folder that are the licences of the web fonts it holds: none where it holds no fonts. */
function fontLicences(entries: Dirent[]): Set<string> {
  if (!entries.some((e) => WEB_FONT.test(e.name))) return new Set();
  return new Set(entries.filter((e) => isDocument(e.name) && FONT_LICENCE.test(e.name)).map((e) => e.name));
}

/**
 * Javadoc writes the licences of what it bundles (jQuery, jQuery UI, the DejaVu fonts) into a
 * `legal/` folder at the root of every site it builds: `jquery.md`, `jqueryUI.md`,
 * `dejavufonts.md`, read as pages of the API reference (a sweep of javadoc's output for
 * java.util.concurrent, 2026-12-01). The root is known by `element-list` (`package-list` before
 * JDK 11), the list of packages javadoc writes for other sites to link to; a `legal/` folder in
 * any other site is read.
 */
const JAVADOC_PACKAGE_LIST = new Set(["element-list", "package-list"]);
const JAVADOC_LEGAL_REASON = "the licences of the scripts and fonts Javadoc bundles into the site, not pages of it";

const isJavadocLegal = (entry: Dirent, siblings: Dirent[]) =>
  entry.name === "legal" && siblings.some((e) => e.isFile() && JAVADOC_PACKAGE_LIST.has(e.name));

/**
 * Every document (.txt, .md/.mdx, .html/.htm, .docx, .pdf; see src/text/document-format.ts) under
 * dir, depth-first, sorted, following no folder twice. A symlink is followed only when its real
 * path stays inside the corpus root: a link to /etc/passwd or to a folder elsewhere is skipped
 * with its reason, never read (and so never served). A document in a format no reader takes
 * (.rst, .adoc, …) is skipped with its reason too.
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
    const licences = fontLicences(entries);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      let real = join(realFolder, entry.name);
      if (entry.isSymbolicLink()) {
        const target = await realpath(real).catch((err: unknown) => ({ failed: errorCode(err) }));
        if (typeof target !== "string") {
          const reason = target.failed === "ELOOP" ? "symlink loop" : "broken symlink";
          if (isDocument(entry.name)) skipped.push({ file: corpusPath(dir, path), reason });
          continue;
        }
        if (!inside(root, target)) {
          skipped.push({ file: corpusPath(dir, path), reason: "symlink to outside the corpus" });
          continue;
        }
        real = target;
      }
      const info = await stat(real).catch((err: unknown) => errorCode(err));
      if (typeof info === "string") {
        // Listed but not to be looked at (a folder we may read but not enter): said, not dropped.
        if (entry.isDirectory()) skipped.push({ file: corpusPath(dir, path), reason: `unreadable folder (${info})` });
        else if (isDocument(entry.name)) skipped.push({ file: corpusPath(dir, path), reason: unopenedReason(info) });
      } else if (info.isDirectory()) {
        if (isJavadocLegal(entry, entries)) skipped.push({ file: corpusPath(dir, path), reason: JAVADOC_LEGAL_REASON });
        else await walk(path, real);
      } else if (!info.isFile()) {
        // A named pipe or a device: reading it could wait forever.
        if (isDocument(entry.name)) skipped.push({ file: corpusPath(dir, path), reason: "not a regular file" });
      } else if (licences.has(entry.name)) skipped.push({ file: corpusPath(dir, path), reason: FONT_LICENCE_REASON });
      else if (isDocument(entry.name)) found.push({ path, real, size: info.size, mtimeMs: info.mtimeMs });
      else {
        const reason = unreadDocumentReason(entry.name);
        if (reason) skipped.push({ file: corpusPath(dir, path), reason });
      }
    }
  };
  await walk(dir, root);
  return withoutSphinxSources(dir, found, skipped);
}

/**
 * Sphinx copies every page's source beside the site it builds, as text, for its "Show Source"
 * link: `_sources/guide/setup.md.txt` (`.rst.txt`; `_sources/guide/setup.txt` before Sphinx 1.5)
 * for `guide/setup.html`. Read as plain text, each page of a built Sphinx site was indexed twice,
 * the second time as its raw markup, paragraphs such as "```js" and "| --- | --- |" included
 * (fastify's docs built with Sphinx: 17,343 paragraphs, 13,400 of them from `_sources/`). A copy
 * is skipped, with its reason, when the page it is the source of is in the folder too; a
 * `_sources` folder of a user's own, with no such pages, is read.
 */
const SPHINX_SOURCE = /^((?:.*\/)?)_sources\/(.+?)(?:\.[A-Za-z]+)?\.txt$/;
function withoutSphinxSources(dir: string, found: ListedFile[], skipped: SkippedFile[]): ListedFile[] {
  const pages = new Set(found.map((f) => corpusPath(dir, f.path)).filter((p) => /\.html$/i.test(p)));
  return found.filter((f) => {
    const file = corpusPath(dir, f.path);
    const source = SPHINX_SOURCE.exec(file);
    const page = source ? `${source[1]}${source[2]}.html` : undefined;
    if (!page || !pages.has(page)) return true;
    skipped.push({ file, reason: `the source Sphinx copies beside its page (${page} is read)` });
    return false;
  });
}

export function corpusPath(dir: string, path: string): string {
  return relative(dir, path).split(sep).join("/");
}

/**
 * A digest of the corpus listing: every file's path, size and modification time, and the version
 * of the readers that read them (readers-version.ts). Equal to the
 * live build's, the corpus is unchanged and nothing is re-read (issue 13: every start re-read
 * and re-hashed 119 MB to find nothing had changed). Like make and rsync, an edit that keeps
 * both size and mtime is not noticed; --force re-reads everything.
 */
export function listingDigest(corpusDir: string, listed: ListedFile[], skipped: SkippedFile[], readers = READERS_VERSION): string {
  const hash = createHash("sha256");
  hash.update(`readers\t${readers}\n`);
  for (const f of listed) hash.update(`${corpusPath(corpusDir, f.path)}\t${f.size}\t${f.mtimeMs}\n`);
  for (const s of skipped) hash.update(`skipped\t${s.file}\t${s.reason}\n`);
  return hash.digest("hex");
}

/**
 * Skips that a file's size and time do not decide: a permission since mended (unopenedReason:
 * "unreadable (EACCES)"), a parse that ran past a budget since raised (overBudgetReason in
 * parser-pool/pool.ts: "… (PARSE_TIMEOUT_MS)"). A corpus whose
 * live build skipped such a file is read again rather than recognised as unchanged, so the file
 * gets its retry without --force (embeddings are still reused).
 */
const RETRIED_SKIP = /^unreadable \(|\(PARSE_TIMEOUT_MS\)$/;

/**
 * The live build's summary when the corpus listing is exactly the one it was made from and its
 * embedder is acceptable: nothing to read, embed or write. Needs no embedder loaded, so a
 * start with an unchanged corpus skips loading one.
 */
export async function unchangedCorpus(corpusDir: string, indexDir: string, acceptsEmbedder: (id: string) => boolean): Promise<IngestSummary | null> {
  const name = await currentBuildName(indexDir);
  if (!name) return null;
  const manifest = await readManifest(buildDir(indexDir, name)).catch(() => null);
  if (!manifest?.listingDigest || !acceptsEmbedder(manifest.embedder.id)) return null;
  if (manifest.skipped.some((s) => RETRIED_SKIP.test(s.reason))) return null;
  // Another corpus's index is never "unchanged": buildIndex refuses it, saying what to run.
  if (!(await sameFolder(manifest.corpus.dir, corpusDir))) return null;
  const skipped: SkippedFile[] = [];
  const listed = await listTextFiles(corpusDir, skipped);
  if (listingDigest(corpusDir, listed, skipped) !== manifest.listingDigest) return null;
  const files = Object.keys(manifest.files).length;
  return { files, paragraphs: manifest.paragraphs, embedded: 0, reused: manifest.paragraphs, removed: 0, skipped: manifest.skipped, embedder: manifest.embedder.id, build: name };
}

