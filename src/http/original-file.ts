import { readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { insideFolder } from "../index-store/corpus-identity.js";
import type { AskService } from "../service.js";

/**
 * An indexed document's original bytes, read from the folder the index was built from (Node
 * only: the Worker has no corpus on disk). Only a file the index holds is asked for (the route
 * checks), and only a file whose real path is inside the corpus folder is read: a path with
 * `..`, or a link that has come to point elsewhere since ingest, gets nothing.
 */
export async function readOriginal(service: AskService, file: string): Promise<Uint8Array | null> {
  if (file.split("/").some((part) => part === ".." || part === "") || file.startsWith("/")) return null;
  try {
    const root = await realpath(service.corpusDir());
    const real = await realpath(join(root, ...file.split("/")));
    if (!insideFolder(root, real)) return null;
    return await readFile(real);
  } catch {
    return null; // moved or deleted since ingest
  }
}
