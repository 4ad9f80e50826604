import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * Read in 1 MB pieces: each piece's hash is a millisecond or two of the event loop, so requests
 * keep flowing while a 100k-paragraph build (~160 MB) is checked.
 */
const PIECE_BYTES = 1024 * 1024;

function sha256File(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    const hash = createHash("sha256");
    createReadStream(path, { highWaterMark: PIECE_BYTES })
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", () => resolve(null));
  });
}

/**
 * Each file's sha256 (hex), or null for a file that cannot be read; one file at a time, in a
 * piece at a time. Not in a worker thread: a worker's own isolate added ~44 MB of RSS per load
 * (measured hashing 160 MB: peak +44 MB with one worker, +87 MB with the two a load started),
 * which is what pushed the RSS during a live swap past 1.5× steady state.
 */
export async function sha256Files(paths: readonly string[]): Promise<(string | null)[]> {
  const digests: (string | null)[] = [];
  for (const path of paths) digests.push(await sha256File(path));
  return digests;
}
