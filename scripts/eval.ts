// npm run eval [-- --set FILE.json ...] [--json] [--record]: answer and citation quality of this
// project and of the LangChain quickstart baseline, side by side, per question set and overall.
// --record appends the tables to BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { createEmbedder } from "../src/embeddings/embedder.js";
import { LangChainBaseline } from "../src/eval/baseline.js";
import { type Metrics, type Outcome, score } from "../src/eval/metrics.js";
import { type EvalItem, readQuestionSet } from "../src/eval/question-set.js";
import { openService } from "../src/open-service.js";

// questions.json was used to tune answer selection; holdout.json was written afterwards and never tuned on.
const DEFAULT_SETS = ["tests/questions.json", "tests/holdout.json", "../shared/eval/dev.json"].filter((p) => existsSync(p));

const { values } = parseArgs({
  options: { set: { type: "string", multiple: true }, json: { type: "boolean", default: false }, record: { type: "boolean", default: false } },
});
const sets = values.set?.length ? values.set : DEFAULT_SETS;
const log = (line: string) => process.stderr.write(`${line}\n`);

const config = loadConfig();
await buildIndex({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder: await createEmbedder(config, log) });
const service = await openService(config);
const embedderId = service.health().embedder;
const baseline = await LangChainBaseline.build(config.corpusDir, await createEmbedder({ ...config, embedder: embedderId.startsWith("transformers") ? "transformers" : "wordvectors" }));
const lookup = (file: string, n: number) => service.document(file)?.[n - 1]?.text;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

async function runOurs(item: EvalItem): Promise<Outcome> {
  const [answer, ms] = await timed(() => service.answer(item.question));
  const retrieved = (await service.retrieve(item.question)).map((p) => ({ file: p.file, from: p.n, to: p.n }));
  return { item, answer: answer.answer, abstained: answer.abstained, citations: answer.citations, retrieved, ms };
}

async function runBaseline(item: EvalItem): Promise<Outcome> {
  const [answer, ms] = await timed(() => baseline.answer(item.question));
  return { item, answer: answer.answer, abstained: false, citations: answer.citations, retrieved: answer.retrieved, ms };
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)}%`);
const rows: [string, (m: Metrics) => number | null, "pct" | "ms"][] = [
  ["answer correctness", (m) => m.correctness, "pct"],
  ["citation hit", (m) => m.citationHit, "pct"],
  ["citation precision", (m) => m.citationPrecision, "pct"],
  ["verbatim quotes", (m) => m.verbatimQuotes, "pct"],
  ["abstention accuracy", (m) => m.abstentionAccuracy, "pct"],
  ["false abstention", (m) => m.falseAbstention, "pct"],
  ["retrieval recall@1", (m) => m.recallAt1, "pct"],
  ["retrieval recall@5", (m) => m.recallAt5, "pct"],
  ["retrieval MRR", (m) => m.mrr, "pct"],
  ["latency p50 (ms)", (m) => m.p50ms, "ms"],
  ["latency p95 (ms)", (m) => m.p95ms, "ms"],
];

function table(name: string, ours: Metrics, base: Metrics): string {
  const lines = [`\n${name}: ${ours.questions} questions (${ours.answerable} answerable)`, `  ${"metric".padEnd(22)}${"ours".padStart(8)}${"baseline".padStart(10)}${"ratio".padStart(8)}`];
  for (const [label, get, kind] of rows) {
    const a = get(ours);
    const b = get(base);
    const show = (x: number | null) => (kind === "ms" ? (x ?? 0).toFixed(1) : pct(x));
    const r = a !== null && b !== null && b !== 0 ? `${(a / b).toFixed(2)}×` : "—";
    lines.push(`  ${label.padEnd(22)}${show(a).padStart(8)}${show(b).padStart(10)}${r.padStart(8)}`);
  }
  lines.push(`  misses (ours): ${ours.misses.join(" ") || "none"}`);
  lines.push(`  misses (baseline): ${base.misses.join(" ") || "none"}`);
  return lines.join("\n");
}

const report: Record<string, { ours: Metrics; baseline: Metrics }> = {};
const all: { ours: Outcome[]; baseline: Outcome[] } = { ours: [], baseline: [] };
for (const path of sets) {
  const items = await readQuestionSet(path);
  const ours: Outcome[] = [];
  const base: Outcome[] = [];
  for (const item of items) {
    ours.push(await runOurs(item));
    base.push(await runBaseline(item));
  }
  all.ours.push(...ours);
  all.baseline.push(...base);
  report[basename(path)] = { ours: score(ours, lookup), baseline: score(base, lookup) };
}
report.overall = { ours: score(all.ours, lookup), baseline: score(all.baseline, lookup) };

if (values.json) {
  process.stdout.write(`${JSON.stringify({ embedder: embedderId, sets: report })}\n`);
} else {
  const text = [
    `Embedder: ${embedderId}. Baseline: LangChain quickstart (RecursiveCharacterTextSplitter 1000/200 → HNSWLib → top-4).`,
    ...Object.entries(report).map(([name, { ours, baseline: base }]) => table(name, ours, base)),
  ].join("\n");
  process.stdout.write(`${text}\n`);
  if (values.record) {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
    await appendFile("BENCHMARKS.md", `\n## Quality: npm run eval · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · commit ${commit}\n\n\`\`\`\n${text}\n\`\`\`\n`);
  }
}
