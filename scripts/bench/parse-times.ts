// npx tsx scripts/bench/parse-times.ts [folders…]: how long each document's parse takes in a parser
// worker, as an ingest runs it (ingest/parser-pool/), and what a worker costs in memory. The
// slowest real file is what PARSE_TIMEOUT_MS's default is set from (ingest/parser-pool/budget.ts).
// Each run starts a fresh one-worker pool (so the first parses are cold, as in a real ingest) and
// parses every file once; a file's time is its slowest of the runs.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadavg } from "node:os";
import { readDocumentBytes } from "../../ingest/read-document.js";
import { ParserPool } from "../../ingest/parser-pool/pool.js";
import type { Parse } from "../../ingest/parse-job.js";
import { documentFormat } from "../../src/text/document-format.js";

const DEFAULT_FOLDERS = ["../shared/corpora/fastify-docs", "datasets/fastify-docs", "datasets/undici-docs", "datasets/eslint-import-docs", "tests/fixtures/harbour-docs"];
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: "string", default: "3" } } });
const folders = positionals.length > 0 ? positionals : DEFAULT_FOLDERS;

async function documents(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await documents(path)));
    else if (documentFormat(path) && documentFormat(path) !== "text") found.push(path);
  }
  return found.sort();
}

const rssMB = () => process.memoryUsage().rss / 1024 / 1024;

const files = (await Promise.all(folders.map(documents))).flat();
const bytes = await Promise.all(files.map((f) => readFile(f)));
const slowest = new Map<string, number>();
let rssPerWorker = 0;
for (let run = 0; run < Number(values.runs); run++) {
  const before = rssMB();
  const pool = new ParserPool(600_000, 1);
  // Only the parse is timed, as the pool's budget is: the worker's start and reader imports are not.
  let parseMs = 0;
  const timed: Parse = async (job) => {
    const started = performance.now();
    try {
      return await pool.parse(job);
    } finally {
      parseMs = performance.now() - started;
    }
  };
  await readDocumentBytes("warm-up.md", Buffer.from("# Warm up\n"), timed);
  for (const [i, file] of files.entries()) {
    await readDocumentBytes(file, bytes[i]!, timed).catch(() => {});
    slowest.set(file, Math.max(slowest.get(file) ?? 0, parseMs));
  }
  rssPerWorker = Math.max(rssPerWorker, rssMB() - before);
  await pool.close();
}

const ranked = [...slowest].sort((a, b) => b[1] - a[1]);
const total = ranked.reduce((sum, [, ms]) => sum + ms, 0);
console.log(`${files.length} documents in ${folders.join(", ")}; ${values.runs} runs; load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`sum of slowest parses ${total.toFixed(0)} ms; a worker adds ~${rssPerWorker.toFixed(0)} MB RSS`);
for (const [file, ms] of ranked.slice(0, 5)) console.log(`${ms.toFixed(0).padStart(6)} ms  ${(await readFile(file)).length.toLocaleString("en").padStart(8)} B  ${file}`);
