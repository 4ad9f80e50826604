// npm run bench:worker: the Worker on the seeds — its bundle size (wrangler deploy --dry-run) and
// per-question latency under `wrangler dev` over every seeds question, first with the word
// vectors a question needs still in the static assets (a fresh isolate), then again with them
// read; Node's in-process time for the same questions beside it. Appends to BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildIndex } from "../../ingest/build-index.js";
import { loadConfig } from "../../src/config.js";
import { loadWordVectorEmbedder } from "../../src/embeddings/embedder.js";
import { percentile } from "../../src/eval/metrics.js";
import { openService } from "../../src/open-service.js";
import { buildWorkerData, startWranglerDev, workerBundleSize } from "../lib/wrangler-dev.js";

const SETS = ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json"];
const log = (line: string) => process.stderr.write(`${line}\n`);

const questions = (await Promise.all(SETS.map(async (f) => JSON.parse(await readFile(f, "utf8")) as { question: string }[]))).flat().map((q) => q.question);
const work = await mkdtemp(join(tmpdir(), "bench-worker-"));
const indexDir = join(work, "index");
const config = loadConfig({ INDEX_DIR: indexDir, EMBEDDER: "wordvectors" });
await buildIndex({ corpusDir: config.corpusDir, indexDir, embedder: await loadWordVectorEmbedder(config) });
await buildWorkerData({ EMBEDDER: "wordvectors", INDEX_DIR: indexDir });
const bundle = await workerBundleSize(join(work, "bundle"));
log(`bundle: ${(bundle.raw / 1024).toFixed(0)} KiB, ${(bundle.gzipped / 1024).toFixed(0)} KiB gzipped`);

async function timed(ask: (q: string) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (const q of questions) {
    const start = performance.now();
    await ask(q);
    ms.push(performance.now() - start);
  }
  return ms;
}

const node = await openService(config);
await node.answer(questions[0]!); // wink-nlp's model loads on the first question
const nodeMs = await timed((q) => node.answer(q));

const worker = await startWranglerDev({ RATE_LIMIT_PER_MINUTE: "100000" });
const askWorker = async (question: string) => {
  const response = await fetch(`${worker.base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};
let firstMs: number[];
let warmMs: number[];
try {
  firstMs = await timed(askWorker);
  warmMs = await timed(askWorker);
} finally {
  worker.stop();
}
await rm(work, { recursive: true, force: true });

const row = (name: string, ms: number[]) =>
  `| ${name} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 95).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`;
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
const section = `
### Worker under wrangler dev · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · commit ${commit} · ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end

\`npm run bench:worker\`: the seeds index (word vectors), ${questions.length} questions (tests/questions.json,
tests/holdout.json, datasets/seeds/dev.json) asked one at a time. Bundle (\`wrangler deploy --dry-run\`):
**${(bundle.raw / 1024).toFixed(0)} KiB, ${(bundle.gzipped / 1024).toFixed(0)} KiB gzipped** (free plan limit 3 MB gzipped); the
word-vector shards (static assets, not in the bundle) are 256 files, 39 MB. The Worker's answers are
Node's (tests/worker.test.ts); Node's in-process time approximates the CPU time a question costs.

| per question, ms | p50 | p95 | max |
|---|---|---|---|
${row("Worker, first pass (words read from the assets)", firstMs)}
${row("Worker, second pass (words already read)", warmMs)}
${row("Node, in process (same answers)", nodeMs)}
`;
await appendFile("BENCHMARKS.md", section);
log(section);
