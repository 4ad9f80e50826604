// node --expose-gc --import tsx scripts/swap-memory.ts [--paragraphs 100000 --work .cache/swap-memory]
//   [--server true --seconds 60 --timeline true]
//
// Where the memory of a live index swap goes (issue 13, item 4: RSS during a swap ≤ 1.5× steady),
// in one process and without a server: each part of a loaded build opened alone, then a whole
// service, then a second service from a second build beside it (as LiveService.refresh() holds
// both while the new one loads), then the first one dropped. For each step: what stays (after a
// full GC: rss, V8 heap, external, array buffers) and the RSS high-water mark during the step
// (VmHWM, reset before each step through /proc/self/clear_refs), which is what the bench's RSS
// sampling can catch. The bench's synthetic corpus and a real ingest make the index; it is kept
// in --work and reused.
//
// --server true measures the real server instead, as the bench's lifecycle does but in ~1.5 min
// rather than the bench's ~4.5: `npm start`'s code on the index, --seconds of mixed load, steady
// RSS, then a swap to a copy of the build under load, with RSS sampled every 100 ms (as the bench
// samples it) and the server's own high-water mark over the swap (VmHWM, reset just before);
// --timeline true also prints every sample.
import { spawn } from "node:child_process";
import { cp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import hnswlib from "hnswlib-node";
import { loadConfig } from "../src/config.js";
import { buildDir, currentBuildName, setCurrentBuild } from "../src/index-store/layout.js";
import { readParagraphsLazily } from "../src/index-store/lazy-paragraphs.js";
import { BM25_FILE, PARAGRAPHS_FILE, SHAPES_FILE, readBm25, readShapes } from "../src/index-store/serving-files.js";
import { loadWordKnowledge, openService } from "../src/open-service.js";
import { type LexiconData, lexiconFrom } from "../src/retrieval/lexicon.js";
import { readQuestionSet } from "../src/eval/question-set.js";
import type { AskService } from "../src/service.js";
import { writeSyntheticCorpus } from "./bench/synthetic-corpus.js";
import { spawnServer } from "./lib/server-process.js";

const { values } = parseArgs({
  options: {
    paragraphs: { type: "string", default: "100000" },
    work: { type: "string", default: ".cache/swap-memory" },
    server: { type: "string", default: "false" },
    seconds: { type: "string", default: "60" },
    timeline: { type: "string", default: "false" },
  },
});
const paragraphs = Number(values.paragraphs);
const work = resolve(values.work);
const corpus = join(work, `corpus-${paragraphs}`);
const index = join(work, `index-${paragraphs}`);
/** The second build: a copy of the first under another index folder, so it loads as a build of its own. */
const nextIndex = join(work, `index-${paragraphs}-next`);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function ingest(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "ingest/cli.ts", "--dir", corpus, "--index", index], { env: { ...process.env, ...env }, stdio: "inherit" });
  return new Promise((done, fail) => child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`ingest exited ${code}`)))));
}

const env = { EMBEDDER: "wordvectors", CORPUS_DIR: corpus, INDEX_DIR: index };
if (!(await currentBuildName(index))) {
  if (!(await exists(corpus))) {
    log(`writing the bench's synthetic corpus of ${paragraphs} paragraphs to ${corpus}`);
    await writeSyntheticCorpus(resolve("seeds"), corpus, paragraphs);
  }
  log(`ingesting it into ${index} (about a minute per 100k paragraphs)`);
  await ingest(env);
}
const build = (await currentBuildName(index))!;
if ((await currentBuildName(nextIndex)) !== build) {
  await rm(nextIndex, { recursive: true, force: true });
  await cp(index, nextIndex, { recursive: true });
}
const dir = buildDir(index, build);
const config = loadConfig(env);
const nextConfig = { ...config, indexDir: nextIndex };
// The bench's questions (scripts/bench.ts).
const questions = [...(await readQuestionSet("tests/questions.json")), ...(await readQuestionSet("../shared/eval/dev.json").catch(() => []))].map((q) => q.question);
const f = (x: number) => (Math.abs(x) < 0.5 ? "0" : x.toFixed(0));
const rssOf = async (pid: number, field = "VmRSS") => Number((await readFile(`/proc/${pid}/status`, "utf8")).match(new RegExp(`${field}:\\s+(\\d+)`))![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (values.server === "true") {
  await measureServer();
  process.exit(0);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  log("run with node --expose-gc --import tsx scripts/swap-memory.ts (retained sizes need a full GC)");
  process.exit(2);
}

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}
const MB = 1024 * 1024;

function retained(): Memory {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heapUsed: m.heapUsed / MB, external: m.external / MB, arrayBuffers: m.arrayBuffers / MB };
}

async function peakSinceReset(): Promise<number> {
  return Number((await readFile("/proc/self/status", "utf8")).match(/VmHWM:\s+(\d+)/)![1]) / 1024;
}

interface Step {
  step: string;
  after: Memory;
  delta: Memory;
  /** RSS high-water mark during the step, above the RSS before it. */
  peakAbove: number;
  ms: number;
}
const steps: Step[] = [];
let last = retained();
const atStart = last;

/** Runs one step and records what it left in memory and how high RSS went while it ran. */
async function step<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  last = retained();
  await writeFile("/proc/self/clear_refs", "5"); // resets VmHWM to the current RSS
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const peak = await peakSinceReset();
  const after = retained();
  const delta = { rss: after.rss - last.rss, heapUsed: after.heapUsed - last.heapUsed, external: after.external - last.external, arrayBuffers: after.arrayBuffers - last.arrayBuffers };
  steps.push({ step: name, after, delta, peakAbove: peak - last.rss, ms });
  log(`${name}: +${delta.rss.toFixed(0)} MB rss retained, peak +${(peak - last.rss).toFixed(0)} MB, ${ms.toFixed(0)} ms`);
  last = after;
  return result;
}

async function warm(service: AskService): Promise<void> {
  // What a serving process has touched: answers to the test questions, twice round.
  for (let round = 0; round < 2; round++) for (const q of questions) await service.answer(q);
}

// Part 1: each part of a build opened alone (held until the end of part 1, then dropped).
const held: unknown[] = [];
const words = await step("word vectors + answer word knowledge (shared by every service)", () => loadWordKnowledge(config));
held.push(await step("paragraphs.ndjson (line offsets; paragraphs read on demand)", () => readParagraphsLazily(join(dir, PARAGRAPHS_FILE))));
const bm25 = await step("bm25.bin (terms, counts, lengths; postings read per query)", () => readBm25(join(dir, BM25_FILE)));
held.push(bm25);
held.push(await step("shapes.bin (each paragraph's document, kind and length)", () => readShapes(join(dir, SHAPES_FILE))));
const lexicon = await step("lexicon.json (parsed)", async () => JSON.parse(await readFile(join(dir, "lexicon.json"), "utf8")) as LexiconData);
held.push(await step("lexicon → spelling index + acronyms", () => lexiconFrom(lexicon, (w) => words.isCommonWord(w))));
held.push(
  await step("hnswlib.index (graph + vectors)", async () => {
    const args = JSON.parse(await readFile(join(dir, "args.json"), "utf8")) as { space: hnswlib.SpaceName; numDimensions: number };
    const graph = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
    await graph.readIndex(join(dir, "hnswlib.index"));
    return graph;
  }),
);
held.push(lexicon);
await step("drop the parts", () => {
  held.length = 0;
});

// Part 2: a swap as LiveService.refresh() makes it.
let first: AskService | null = await step("service A: openService", () => openService(config, { corpusDir: corpus }));
await step("service A: answering the test questions", () => warm(first!));
const steady = last;
let second: AskService | null = await step("service B (second build) opened beside A", () => openService(nextConfig, { corpusDir: corpus }));
const both = last;
const peakDuringSwap = steady.rss + steps.at(-1)!.peakAbove;
await step("A released and dropped (swap done, as LiveService does)", () => {
  first!.release?.();
  first = null;
});
await step("service B: answering the test questions", () => warm(second!));
second = null;

const table = [
  "| step | rss MB (retained Δ) | heapUsed Δ | external Δ | arrayBuffers Δ | peak RSS above start of step | ms |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...steps.map((s) => `| ${s.step} | ${f(s.delta.rss)} | ${f(s.delta.heapUsed)} | ${f(s.delta.external)} | ${f(s.delta.arrayBuffers)} | ${f(s.peakAbove)} | ${f(s.ms)} |`),
].join("\n");
process.stdout.write(
  `\nswap-memory: ${paragraphs} paragraphs, build ${build}\n\n${table}\n\n` +
    `before loading: rss ${f(atStart.rss)} MB; one service after answering: rss ${f(steady.rss)} MB (heap ${f(steady.heapUsed)}, external ${f(steady.external)}); ` +
    `both services: rss ${f(both.rss)} MB = ${(both.rss / steady.rss).toFixed(2)}× one (retained), ` +
    `peak while B loaded ${f(peakDuringSwap)} MB = ${(peakDuringSwap / steady.rss).toFixed(2)}× one\n`,
);


/** The real server: steady RSS after mixed load, then RSS across a swap to a second build under load. */
async function measureServer(): Promise<void> {
  // A second build in the same index folder: a copy of the live one under another name.
  const swapTo = `${build}-swap`;
  await rm(buildDir(index, swapTo), { recursive: true, force: true });
  await cp(dir, buildDir(index, swapTo), { recursive: true });
  const server = await spawnServer({ ...env, RATE_LIMIT_PER_MINUTE: "100000000" });
  const pid = server.child.pid!;
  try {
    const asks = questions.map((q) => ({ method: "POST" as const, path: "/ask", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: q }) }));
    const mixed = [...asks, { method: "GET" as const, path: "/health" }, { method: "GET" as const, path: "/sources/part-0000.txt?p=10" }, { method: "GET" as const, path: "/" }];
    log(`server: ${values.seconds} s of mixed load`);
    await autocannon({ url: server.base, connections: 8, duration: Number(values.seconds), requests: mixed });
    await sleep(2_000);
    const steady = await rssOf(pid);
    await writeFile(`/proc/${pid}/clear_refs`, "5");
    let sampled = steady;
    let sampling = true;
    const timeline: string[] = [];
    const t0 = performance.now();
    const sampler = (async () => {
      while (sampling) {
        const rss = await rssOf(pid);
        sampled = Math.max(sampled, rss);
        timeline.push(`${((performance.now() - t0) / 1000).toFixed(1)}s ${f(rss)}`);
        await sleep(100);
      }
    })();
    let liveAfter = Number.NaN;
    const swap = (async () => {
      await sleep(4_000);
      const switched = performance.now();
      timeline.push("switch");
      await setCurrentBuild(index, swapTo);
      while (!server.output().includes(`now serving build ${swapTo}`) && performance.now() - switched < 30_000) await sleep(20);
      liveAfter = performance.now() - switched;
      timeline.push("live");
    })();
    log("server: swap under load (4 clients, 20 s)");
    const result = await autocannon({ url: server.base, connections: 4, duration: 20, requests: asks });
    await swap;
    sampling = false;
    await sampler;
    const peak = await rssOf(pid, "VmHWM");
    if (values.timeline === "true") log(`RSS MB every 100 ms: ${timeline.join(", ")}`);
    const after = await rssOf(pid);
    process.stdout.write(
      `\nswap-memory --server: ${paragraphs} paragraphs; steady RSS ${f(steady)} MB after ${values.seconds} s of mixed load; ` +
        `swap: sampled peak ${f(sampled)} MB = ${(sampled / steady).toFixed(2)}× steady, high-water mark ${f(peak)} MB = ${(peak / steady).toFixed(2)}×, ` +
        `${f(after)} MB at the end; live after ${f(liveAfter)} ms; p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}\n`,
    );
  } finally {
    await server.stop();
    await setCurrentBuild(index, build);
    await rm(buildDir(index, swapTo), { recursive: true, force: true });
  }
}
