import { Worker } from "node:worker_threads";

/**
 * sha256 of files in a worker thread: checking a 100k-paragraph build hashes ~160 MB (~0.4 s of
 * CPU), which then overlaps with loading instead of taking turns with requests on the main
 * thread. The worker is plain JavaScript (eval), so it needs no TypeScript loader.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
const hash = (path) => new Promise((resolve) => {
  const h = createHash("sha256");
  createReadStream(path, { highWaterMark: 1024 * 1024 })
    .on("data", (chunk) => h.update(chunk))
    .on("end", () => resolve(h.digest("hex")))
    .on("error", () => resolve(null));
});
Promise.all(workerData.map(hash)).then((digests) => parentPort.postMessage(digests));
`;

/** Each file's sha256 (hex), or null for a file that cannot be read. */
export function sha256FilesOffThread(paths: string[]): Promise<(string | null)[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: paths });
    worker.once("message", (digests: (string | null)[]) => {
      resolve(digests);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}
