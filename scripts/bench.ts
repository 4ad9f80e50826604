// npm run bench [-- --sizes 1000,10000,100000 --seconds 10 --lifecycle false --pdf only]: ingest throughput,
// index size, peak memory, /ask latency and throughput against the real server, and the
// LangChain baseline's query latency, on deterministic synthetic corpora, for each embedder tier
// available; then, at the largest size, cold start, steady RSS and a live swap under load
// (scripts/bench/lifecycle.ts); and PDF ingest in pages/s (scripts/bench/pdf-ingest.ts; `--pdf
// only` measures that alone, `--pdf false` skips it); and issue 13's bounds on hostile questions
// (scripts/bench/hostile-questions.ts; `--hostile only` alone, `--hostile false` skips it).
// Appends the results to BENCHMARKS.md.
import { execFileSync, spawn } from "node:child_process";
import { appendFile, mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadConfig } from "../src/config.js";
import { createEmbedder, firstLine } from "../src/embeddings/embedder.js";
import { LangChainBaseline } from "../src/eval/baseline.js";
import { percentile } from "../src/eval/metrics.js";
import { readQuestionSet } from "../src/eval/question-set.js";
import { buildDir, currentBuildName } from "../src/index-store/layout.js";
import type { Answer } from "../src/types.js";
import { type PlantedFact, writeSyntheticCorpus } from "./bench/synthetic-corpus.js";
import { type Lifecycle, measureLifecycle } from "./bench/lifecycle.js";
import { measurePdfIngest, pdfIngestNote } from "./bench/pdf-ingest.js";
import { writeManyWordsCorpus } from "../tests/support/hostile-questions.js";
import { type HostileFigures, hostileNote, measureHostileQuestions } from "./bench/hostile-questions.js";
import { spawnServer } from "./lib/server-process.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    seconds: { type: "string", default: "10" },
    // "false" skips it (Node 20's parseArgs has no --no-… negation).
    lifecycle: { type: "string", default: "true" },
    // "true", "false", or "only": PDF ingest alone.
    pdf: { type: "string", default: "true" },
    "pdf-files": { type: "string", default: "20" },
    "pdf-runs": { type: "string", default: "5" },
    // "true", "false", or "only": hostile questions alone.
    hostile: { type: "string", default: "true" },
    "hostile-runs": { type: "string", default: "5" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const seconds = Number(values.seconds);
const lifecycle = values.lifecycle !== "false";
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Row {
  tier: string;
  paragraphs: number;
  ingestPerSecond: number;
  ingestPeakMB: number;
  indexMB: number;
  serverPeakMB: number;
  p50: number;
  p95: number;
  p99: number;
  rps1: number;
  rps16: number;
  p50at16: number;
  p99at16: number;
  errors: number;
  planted: string;
  baselineP50: number;
  baselineP95: number;
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", () => {});
    child.on("close", (code) => (code === 0 ? resolveRun(out) : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
}

const peakMB = async (pid: number) => Number((await readFile(`/proc/${pid}/status`, "utf8")).match(/VmHWM:\s+(\d+)/)![1]) / 1024;

async function dirMB(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  return bytes / 1024 / 1024;
}

async function ask(base: string, question: string): Promise<Answer> {
  const response = await fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  return (await response.json()) as Answer;
}

async function sequentialLatency(base: string, questions: string[]): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < until || i < questions.length; i++) {
    const start = performance.now();
    await ask(base, questions[i % questions.length]!);
    times.push(performance.now() - start);
  }
  return times;
}

async function load(base: string, questions: string[], connections: number) {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: questions.map((q) => ({ method: "POST" as const, path: "/ask", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: q }) })),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/** Where each size's corpus and index live, and how the server is started on them. */
function setup(tier: string, paragraphs: number, work: string) {
  const corpus = join(work, `corpus-${paragraphs}`);
  const index = join(work, `index-${tier}-${paragraphs}`);
  // The rate limit guards the public service; a benchmark measures what is behind it.
  const env = { EMBEDDER: tier, CORPUS_DIR: corpus, INDEX_DIR: index, RATE_LIMIT_PER_MINUTE: "100000000" };
  return { corpus, index, env };
}

async function benchmark(tier: string, paragraphs: number, work: string, questions: string[], keepIndex: boolean): Promise<Row> {
  const { corpus, index, env } = setup(tier, paragraphs, work);
  const planted = await writeSyntheticCorpus(resolve("seeds"), corpus, paragraphs);
  log(`${tier} ${paragraphs}: ingest`);
  const ingest = JSON.parse(await run(["scripts/bench/ingest-run.ts", corpus, index], env)) as { seconds: number; peakRssMB: number };
  const indexMB = await dirMB(buildDir(index, (await currentBuildName(index))!));
  log(`${tier} ${paragraphs}: serve`);
  const { child, base } = await spawnServer(env);
  try {
    const all = [...planted.map((p) => p.question), ...questions];
    const hits = await Promise.all(planted.map(async (p: PlantedFact) => (await ask(base, p.question)).citations.some((c) => c.file === p.file && c.paragraph === p.paragraph)));
    const times = await sequentialLatency(base, all);
    const one = await load(base, all, 1);
    const sixteen = await load(base, all, 16);
    const serverPeakMB = await peakMB(child.pid!);
    log(`${tier} ${paragraphs}: baseline`);
    const baseline = await LangChainBaseline.build(corpus, await createEmbedder({ ...loadConfig(), embedder: tier as "wordvectors" }));
    const baseTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await baseline.answer(all[i % all.length]!);
      baseTimes.push(performance.now() - start);
    }
    return {
      tier,
      paragraphs,
      ingestPerSecond: paragraphs / ingest.seconds,
      ingestPeakMB: ingest.peakRssMB,
      indexMB,
      serverPeakMB,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      rps1: one.rps,
      rps16: sixteen.rps,
      p50at16: sixteen.p50,
      p99at16: sixteen.p99,
      errors: one.errors + sixteen.errors,
      planted: `${hits.filter(Boolean).length}/${planted.length}`,
      baselineP50: percentile(baseTimes, 50),
      baselineP95: percentile(baseTimes, 95),
    };
  } finally {
    child.kill("SIGTERM");
    if (!keepIndex) await rm(index, { recursive: true, force: true });
  }
}

/** Issue 13's bounds for starts, steady state and swaps, each with whether it was met. */
function lifecycleNote(paragraphs: number, l: Lifecycle): string {
  const median = [...l.coldStartMs].sort((a, b) => a - b)[1]!;
  const ratio = l.swap.peakRssMB / l.steadyRssMB;
  const failed = !l.swap.statuses.startsWith("2xx") || !/non-2xx 0, errors 0, timeouts 0/.test(l.swap.statuses);
  const met = (ok: boolean) => (ok ? "met" : "**not met**");
  return [
    `\nStarts, steady state and a live swap (wordvectors, ${paragraphs} paragraphs):`,
    `- cold start with an index (process start to listening, 3 starts): ${l.coldStartMs.map((ms) => Math.round(ms)).join(", ")} ms; median ${Math.round(median)} ms (bound ≤ 2000 ms: ${met(median <= 2000)})`,
    `- steady RSS after 60 s of mixed load (/ask, /health, /sources, / at 8 clients): ${Math.round(l.steadyRssMB)} MB (bound ≤ 1024 MB: ${met(l.steadyRssMB <= 1024)})`,
    `- swap under load (${l.swap.clients} clients asking for ${l.swap.seconds} s, CURRENT switched at 4 s to a build made beforehand): ${l.swap.statuses}; latency p50 ${l.swap.p50} ms, p99 ${l.swap.p99} ms, max ${l.swap.max} ms (bound: no failures and p99 ≤ 100 ms: ${met(!failed && l.swap.p99 <= 100)}); new build live ${Math.round(l.swap.liveAfterMs)} ms after the switch`,
    `- RSS during the swap: peak ${Math.round(l.swap.peakRssMB)} MB = ${ratio.toFixed(2)}× steady (bound ≤ 1.5×: ${met(ratio <= 1.5)})`,
  ].join("\n");
}

async function tiersAvailable(): Promise<{ tier: string; note?: string }[]> {
  const tiers: { tier: string; note?: string }[] = [{ tier: "wordvectors" }];
  try {
    await createEmbedder({ ...loadConfig(), embedder: "transformers" });
    tiers.push({ tier: "transformers" });
  } catch (err) {
    tiers.push({ tier: "transformers", note: `not measured: the model does not load here (${firstLine(err)})` });
  }
  return tiers;
}

const fmt = (x: number, digits = 1) => x.toFixed(digits);
const work = await mkdtemp(join(tmpdir(), "bench-"));
const questions = [...(await readQuestionSet("tests/questions.json")), ...(await readQuestionSet("../shared/eval/dev.json").catch(() => []))].map((q) => q.question);
const rows: Row[] = [];
const notes: string[] = [];
try {
  if (values.pdf !== "false" && values.hostile !== "only") {
    const embedder = await createEmbedder(loadConfig({ EMBEDDER: "wordvectors" }));
    const figures = await measurePdfIngest({ seedsDir: resolve("seeds"), work, files: Number(values["pdf-files"]), runs: Number(values["pdf-runs"]), embedder, log });
    notes.push(pdfIngestNote(figures));
  }
  if (values.hostile !== "false" && values.pdf !== "only") {
    const manyWords = join(work, "many-words");
    await writeManyWordsCorpus(manyWords);
    const figures: HostileFigures[] = [];
    const corpora = [
      { name: "the seeds", corpus: "seeds", index: join(work, "hostile-seeds-index") },
      { name: "50,000 distinct words", corpus: manyWords, index: join(work, "hostile-words-index") },
    ];
    for (const c of corpora) figures.push(await measureHostileQuestions({ ...c, runs: Number(values["hostile-runs"]), log }));
    notes.push(hostileNote(figures));
  }
  const only = values.pdf === "only" || values.hostile === "only";
  for (const { tier, note } of only ? [] : await tiersAvailable()) {
    if (note) {
      notes.push(`- ${tier}: ${note}`);
      continue;
    }
    const largest = Math.max(...sizes);
    for (const size of sizes) rows.push(await benchmark(tier, size, work, questions, tier === "wordvectors" && size === largest && lifecycle));
    if (tier === "wordvectors" && lifecycle) {
      const { corpus, index, env } = setup(tier, largest, work);
      notes.push(lifecycleNote(largest, await measureLifecycle({ corpus, index, env, questions, log })));
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

const commit = (() => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
  } catch {
    return "unknown";
  }
})();
const header =
  "| tier | paragraphs | ingest para/s | ingest peak MB | index MB | server peak MB | /ask p50 ms | p95 ms | p99 ms | req/s @1 | req/s @16 | p50 @16 ms | p99 @16 ms | errors | planted facts cited | baseline p50 ms | baseline p95 ms |\n" +
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
const table = rows
  .map((r) =>
    `| ${r.tier} | ${r.paragraphs} | ${fmt(r.ingestPerSecond, 0)} | ${fmt(r.ingestPeakMB, 0)} | ${fmt(r.indexMB)} | ${fmt(r.serverPeakMB, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps1, 0)} | ${fmt(r.rps16, 0)} | ${fmt(r.p50at16)} | ${fmt(r.p99at16)} | ${r.errors} | ${r.planted} | ${fmt(r.baselineP50, 2)} | ${fmt(r.baselineP95, 2)} |`,
  )
  .join("\n");
const body = [rows.length ? `${header}\n${table}` : "", notes.join("\n")].filter(Boolean).join("\n\n");
const section = `\n## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · commit ${commit} · ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GB\n\n${body}\n`;
await appendFile("BENCHMARKS.md", section);
process.stdout.write(section);
