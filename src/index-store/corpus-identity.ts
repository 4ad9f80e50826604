import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { READ_EXTENSIONS } from "../text/document-format.js";
import { IndexMissingError } from "./layout.js";
import { describeSkipped } from "./skipped-files.js";

/**
 * An index belongs to the folder it was built from (recorded in its manifest): built or served
 * for another folder, it would silently drop one corpus for another, so that is refused with the
 * commands that do what was meant.
 */
export class IndexCorpusMismatchError extends Error {
  override name = "IndexCorpusMismatchError";

  /** `wantedsDefault`: indexDir is where `wanted` is indexed by default, so "leave INDEX_DIR unset" would lead back here. */
  constructor(indexDir: string, builtFrom: string, wanted: string, action: "replace" | "serve", wantedsDefault = false) {
    const own = wantedsDefault
      ? `rebuild ${wanted}'s own index there: npm run ingest -- --dir ${wanted} --index ${indexDir} --replace`
      : `give ${wanted} its own index (leave INDEX_DIR unset, or: npm run ingest -- --dir ${wanted} --index <new folder>)`;
    const replace = `or replace that index on purpose: npm run ingest -- --dir ${wanted} --index ${indexDir} --replace`;
    super(
      action === "replace"
        ? `${indexDir} holds the index of ${builtFrom}, not of ${wanted}; it was left as it is. To index ${wanted}, ${own}, ${replace}`
        : `${indexDir} holds the index of ${builtFrom}, not of ${wanted}; refusing to serve it for ${wanted}. Serve ${builtFrom} (CORPUS_DIR=${builtFrom}), or ${own}`,
    );
  }
}

/**
 * A corpus folder with nothing to index: missing, a file, or holding nothing readable. For the
 * last, saying only that would leave a user with a folder of `.rst` files or scanned PDFs
 * guessing, so the message names the files skipped and why (as the ingest report does: many for
 * one reason in one line).
 */
export class NoDocumentsError extends Error {
  override name = "NoDocumentsError";

  static in(corpusDir: string, skipped: readonly { file: string; reason: string }[]): NoDocumentsError {
    const lines = describeSkipped(skipped).map((line) => `\n  ${line}`);
    return new NoDocumentsError(`No readable documents (${READ_EXTENSIONS}) in ${corpusDir}${lines.join("")}`);
  }
}

/**
 * An index folder ingest cannot use: the corpus folder itself, a file, or a folder it may not
 * write. Said as such, with what to do, rather than as the raw system error or as a busy index.
 */
export class IndexFolderError extends Error {
  override name = "IndexFolderError";
}

/**
 * What to tell the user about a failure: the whole message of one written for them (a corpus
 * mismatch holds the commands to run, an empty corpus what was skipped), else its first line.
 */
export function userMessage(err: unknown, firstLine: (err: unknown) => string): string {
  // Ours, written for the user, naming folders and the command to run: never cut (a long path cut
  // at 200 characters left "--inde" where the command's --index <folder> should be).
  const ours = err instanceof IndexCorpusMismatchError || err instanceof NoDocumentsError || err instanceof IndexFolderError || err instanceof IndexMissingError;
  return ours ? err.message : firstLine(err);
}

/** Whether two paths name the same folder (through symlinks; as written when one does not exist). */
export async function sameFolder(a: string, b: string): Promise<boolean> {
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  return (await real(a)) === (await real(b));
}

/** Whether a real path is the root folder or inside it (both already resolved through symlinks). */
export function insideFolder(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
