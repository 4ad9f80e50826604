// npm run eval [-- --only seeds|fastify|undici|eslint|gluegun|gyp|heldout|fresh|off-topic|subject|follow-ups|squad] [--json] [--record]: answer and citation
// quality, ours and the LangChain quickstart baseline side by side (see PARTS for what is scored how);
// - follow-ups: datasets/seeds/follow-ups.json, each second question answered with the first turn
//   as history and alone (shipped model; never trained on), dev and held-out halves apart.
// - squad: SQuAD 2.0 open setting over datasets/squad, leave-one-article-out (each article is
//   answered by a model fitted, as `npm run train` fits, on the other articles and the folders' sets;
//   TRAIN_ROWS=<folder> reuses the rows training cached).
// --record appends the tables to BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Answerer } from "../src/answer/answer.js";
import type { AnswerModel } from "../src/answer/model.js";
import { paragraphLookup } from "../src/answer/verify.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { LangChainBaseline } from "../src/eval/baseline.js";
import { type Metrics, type Outcome, score, wilsonInterval } from "../src/eval/metrics.js";
import type { EvalItem } from "../src/eval/question-set.js";
import { serviceFor } from "../src/service.js";
import { evaluateFollowUps, followUpTable, readFollowUps } from "./lib/follow-up-eval.js";
import { type SetItem, supported } from "./lib/labeled-sets.js";
import { openCorpus } from "./lib/open-corpus.js";
import { readSquad } from "./lib/squad.js";
import { squadLeaveOneOut } from "./lib/squad-eval.js";
import { CORPUS_SETS } from "./lib/set-rows.js";
import { allTrainingData } from "./lib/training-data.js";
import { weighCorpusSets } from "./lib/training.js";
import { squadCorpusDir } from "./lib/labeled-sets.js";

/**
 * The folders the blind sets over several folders are asked of (datasets/heldout/off-topic.json,
 * subject.json; `key` is a subject question's `corpus`): the seeds and the docs folders not trained on.
 */
const EVERY_FOLDER = [
  { name: "the seeds", corpus: "seeds", key: "seeds" },
  { name: "pino docs", corpus: "datasets/heldout/pino-docs", key: "pino-docs" },
  { name: "semantic-release docs", corpus: "datasets/heldout/semantic-release-docs", key: "semantic-release-docs" },
  { name: "mercurius docs", corpus: "datasets/heldout/mercurius-docs", key: "mercurius-docs" },
  { name: "gluegun docs", corpus: "datasets/gluegun-docs/corpus", key: "gluegun-docs" },
  { name: "GYP docs", corpus: "datasets/gyp-docs/corpus", key: "gyp-docs" },
];

/**
 * What is scored, and by which model. The folders whose sets `npm run train` learns from are scored
 * by the model it fitted without them (.cache/leave-out/<group>.json): leave-one-folder-out. The
 * held-out sets (datasets/heldout) were written without running the system, are never trained on
 * and their failures are not read to change code: they are scored by the shipped model.
 */
const PARTS = [
  { part: "seeds", title: "seeds (trained on; scored leave-one-folder-out)", corpus: "seeds", sets: ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json", "datasets/seeds/off-topic.json"], leaveOut: "seeds" },
  { part: "fastify", title: "fastify docs (trained on; scored leave-one-folder-out)", corpus: "datasets/fastify-docs/docs", sets: ["datasets/fastify-docs/questions.json", "datasets/fastify-docs/off-topic.json"], leaveOut: "fastify-docs" },
  { part: "undici", title: "undici docs (trained on; scored leave-one-folder-out)", corpus: "datasets/undici-docs/corpus", sets: ["datasets/undici-docs/questions.json", "datasets/undici-docs/off-topic.json"], leaveOut: "undici-docs" },
  { part: "eslint", title: "eslint-plugin-import docs (trained on; scored leave-one-folder-out)", corpus: "datasets/eslint-import-docs/corpus", sets: ["datasets/eslint-import-docs/questions.json", "datasets/eslint-import-docs/off-topic.json"], leaveOut: "eslint-import-docs" },
  { part: "gluegun", title: "gluegun docs (written for training, not yet trained on: scored by the shipped model)", corpus: "datasets/gluegun-docs/corpus", sets: ["datasets/gluegun-docs/questions.json"] },
  { part: "gyp", title: "GYP docs (written for training, not yet trained on: scored by the shipped model)", corpus: "datasets/gyp-docs/corpus", sets: ["datasets/gyp-docs/questions.json"] },
  { part: "heldout", title: "held out · seeds, fresh set", corpus: "seeds", sets: ["datasets/heldout/seeds-fresh.json"] },
  { part: "heldout", title: "held out · pino docs", corpus: "datasets/heldout/pino-docs", sets: ["datasets/heldout/pino-docs.json"] },
  { part: "heldout", title: "held out · semantic-release docs", corpus: "datasets/heldout/semantic-release-docs", sets: ["datasets/heldout/semantic-release-docs.json"] },
  { part: "heldout", title: "held out · mercurius docs", corpus: "datasets/heldout/mercurius-docs", sets: ["datasets/heldout/mercurius-docs.json"] },
  // The newest blind sets, scored apart so that a choice made on the others is reported on data it
  // never saw; datasets/README.md records each use (once they have chosen a model, they join `heldout`).
  { part: "fresh", title: "held out, fresh · seeds, second fresh set", corpus: "seeds", sets: ["datasets/heldout/seeds-fresh-2.json"] },
  { part: "fresh", title: "held out, fresh · eslint-plugin-jsx-a11y docs", corpus: "datasets/heldout/eslint-plugin-jsx-a11y-docs", sets: ["datasets/heldout/eslint-plugin-jsx-a11y-docs.json"] },
  { part: "fresh", title: "held out, fresh · concurrently docs", corpus: "datasets/heldout/concurrently-docs", sets: ["datasets/heldout/concurrently-docs.json"] },
  { part: "fresh", title: "held out, fresh · nan docs", corpus: "datasets/heldout/nan-docs", sets: ["datasets/heldout/nan-docs.json"] },
  { part: "fresh", title: "held out, fresh · the rustdoc book (HTML, mdBook)", corpus: "datasets/heldout/rustdoc-book", sets: ["datasets/heldout/rustdoc-book.json"] },
  { part: "fresh", title: "held out, fresh · seeds, third fresh set", corpus: "seeds", sets: ["datasets/heldout/seeds-fresh-3.json"] },
  { part: "fresh", title: "held out, fresh · npm's docs (configuring-npm, using-npm)", corpus: "datasets/heldout/npm-docs", sets: ["datasets/heldout/npm-docs.json"] },
  ...EVERY_FOLDER.map((f) => ({ part: "off-topic", title: `held out · off-topic questions, asked of ${f.name}`, corpus: f.corpus, sets: ["datasets/heldout/off-topic.json"] })),
  ...EVERY_FOLDER.map((f) => ({ part: "subject", title: `held out · questions about the folder's subject, ${f.name}`, corpus: f.corpus, sets: ["datasets/heldout/subject.json"], only: f.key })),
] as const;

const { values } = parseArgs({
  options: { only: { type: "string", multiple: true }, json: { type: "boolean", default: false }, record: { type: "boolean", default: false } },
});
const wanted = (part: string) => !values.only?.length || values.only.includes(part);
const log = (line: string) => process.stderr.write(`${line}\n`);
const config = loadConfig();

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)}%`);
/** Each metric, and for those a change is judged by, the number of questions it is a share of. */
const rows: [string, (m: Metrics) => number | null, "pct" | "ms", ((m: Metrics) => number)?][] = [
  ["answer correctness", (m) => m.correctness, "pct"],
  ["correct + cited", (m) => m.correctCited, "pct", (m) => m.answerable],
  ["citation hit", (m) => m.citationHit, "pct"],
  ["citation precision", (m) => m.citationPrecision, "pct"],
  ["verbatim quotes", (m) => m.verbatimQuotes, "pct"],
  ["abstention accuracy", (m) => m.abstentionAccuracy, "pct", (m) => m.questions - m.answerable],
  ["false abstention", (m) => m.falseAbstention, "pct", (m) => m.answerable],
  ["code support cited", (m) => m.codeCited, "pct", (m) => m.codeQuestions],
  ["retrieval recall@1", (m) => m.recallAt1, "pct"],
  ["retrieval recall@5", (m) => m.recallAt5, "pct"],
  ["retrieval MRR", (m) => m.mrr, "pct"],
  ["latency p50 (ms)", (m) => m.p50ms, "ms"],
  ["latency p95 (ms)", (m) => m.p95ms, "ms"],
];

function table(name: string, ours: Metrics, base: Metrics, answeringAll: Metrics): string {
  const lines = [`\n${name}: ${ours.questions} questions (${ours.answerable} answerable, ${ours.codeQuestions} with code in their support)`, `  ${"metric".padEnd(22)}${"ours".padStart(8)}${"baseline".padStart(10)}${"ratio".padStart(8)}   ours, 95 % interval`];
  for (const [label, get, kind, questions] of rows) {
    const a = get(ours);
    const b = get(base);
    const show = (x: number | null) => (kind === "ms" ? (x ?? 0).toFixed(1) : pct(x));
    const r = a !== null && b !== null && b !== 0 ? `${(a / b).toFixed(2)}×` : "—";
    const interval = a !== null && questions ? wilsonInterval(a, questions(ours)) : null;
    const spread = interval ? `   ${pct(interval[0])}–${pct(interval[1])}` : "";
    lines.push(`  ${label.padEnd(22)}${show(a).padStart(8)}${show(b).padStart(10)}${r.padStart(8)}${spread}`);
  }
  if (ours.answerable) lines.push(`  correct + cited if it answered every question: ${pct(answeringAll.correctCited)} (the ranking and composition, whatever the threshold)`);
  lines.push(`  misses (ours): ${ours.misses.join(" ") || "none"}`);
  lines.push(`  misses (baseline): ${base.misses.join(" ") || "none"}`);
  return lines.join("\n");
}

/** Runs question sets over one corpus, ours and the baseline. */
async function evaluateCorpus(answerer: Answerer, corpusDir: string, sets: { name: string; items: EvalItem[] }[]) {
  const service = serviceFor(answerer.index, answerer);
  // The same model answering every question: what its ranking and composition get right whatever
  // the threshold, so that two fits whose thresholds landed apart can be compared on their answers.
  const answeringAll = serviceFor(answerer.index, new Answerer(answerer.index, answerer.words, { ...answerer.model, threshold: 0 }));
  const baseline = await LangChainBaseline.build(corpusDir, await loadWordVectorEmbedder(config));
  const lookup = paragraphLookup((file) => service.document(file));
  const report: Record<string, { ours: Metrics; baseline: Metrics; answeringAll: Metrics }> = {};
  for (const { name, items } of sets) {
    const ours: Outcome[] = [];
    const all: Outcome[] = [];
    const base: Outcome[] = [];
    for (const item of items) {
      const [answer, ms] = await timed(() => service.answer(item.question));
      const retrieved = (await service.retrieve(item.question)).map((p) => ({ file: p.file, from: p.n, to: p.n }));
      const outcome = { item, answer: answer.answer, abstained: answer.abstained, citations: answer.citations, retrieved, ms };
      ours.push(outcome);
      const forced = answer.abstained ? await answeringAll.answer(item.question) : answer;
      all.push({ ...outcome, answer: forced.answer, abstained: forced.abstained, citations: forced.citations });
      const [b, bms] = await timed(() => baseline.answer(item.question));
      base.push({ item, answer: b.answer, abstained: false, citations: b.citations, retrieved: b.retrieved, ms: bms });
    }
    report[name] = { ours: score(ours, lookup), baseline: score(base, lookup), answeringAll: score(all, lookup) };
  }
  return report;
}

/** A set whose support is source line ranges, as paragraph support in this index. */
function byParagraph(items: SetItem[], answerer: Answerer): EvalItem[] {
  return items.map((item) => paragraphItem(item, answerer));
}

function paragraphItem(item: SetItem, answerer: Answerer): EvalItem {
  const support = answerer.index.paragraphs
    .filter((p) => supported(item.support, p))
    .map((p) => ({ file: p.file, paragraph: p.n, ...(p.kind === "code" ? { code: true } : {}) }));
  if (item.support.length && !support.length) {
    // Lines the index keeps no paragraph of (a table of contents, say): still a question the
    // documents answer, so a miss, never a right abstention.
    console.error(`${item.id}: no indexed paragraph covers its support lines ${JSON.stringify(item.support)}; scored as answerable, a miss`);
  }
  return { id: item.id, question: item.question, must_include: item.must_include, support, answerable: item.support.length > 0 };
}

const sections: string[] = [];
const report: Record<string, unknown> = {};

async function modelFor(leaveOut: string | undefined): Promise<AnswerModel | undefined> {
  if (!leaveOut) return undefined;
  const path = `.cache/leave-out/${leaveOut}.json`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run train first (it writes the leave-one-folder-out models)`);
  return JSON.parse(await readFile(path, "utf8")) as AnswerModel;
}

for (const p of PARTS) {
  if (!wanted(p.part)) continue;
  const leaveOut = "leaveOut" in p ? p.leaveOut : undefined;
  const answerer = await openCorpus(resolve(p.corpus), await modelFor(leaveOut));
  const only = "only" in p ? p.only : undefined;
  const itemsOf = async (path: string) => (JSON.parse(await readFile(path, "utf8")) as SetItem[]).filter((item) => !only || item.corpus === only);
  const sets = await Promise.all(p.sets.map(async (path) => ({ name: basename(path), items: byParagraph(await itemsOf(path), answerer) })));
  const result = await evaluateCorpus(answerer, resolve(p.corpus), sets);
  for (const [name, r] of Object.entries(result)) {
    report[`${p.title} · ${name}`] = r;
    sections.push(table(`${p.title} · ${name}`, r.ours, r.baseline, r.answeringAll));
  }
}

if (wanted("follow-ups")) {
  log("follow-ups over the seeds, with history and alone…");
  const answerer = await openCorpus(resolve("seeds"));
  const items = await readFollowUps("datasets/seeds/follow-ups.json");
  const reports = await evaluateFollowUps(serviceFor(answerer.index, answerer), items, (item) => paragraphItem(item, answerer));
  for (const r of reports) {
    report[`follow-ups · ${r.split}`] = r;
    sections.push(followUpTable(r));
  }
}

if (wanted("squad")) {
  const articles = await readSquad();
  log("SQuAD 2.0 open setting, leave-one-article-out…");
  // The shipped recipe: SQuAD plus the folders' sets at the weight training chooses (TRAIN_ROWS
  // reuses the rows `npm run train` cached). Each article is then held out in turn.
  const answerer = await openCorpus(await squadCorpusDir(articles));
  const { rows, paragraphRows } = await allTrainingData(articles, log);
  const folderGroups = CORPUS_SETS.map((s) => s.group);
  weighCorpusSets(rows, folderGroups, log);
  const scores = await squadLeaveOneOut(answerer, rows, paragraphRows, articles, folderGroups, log);
  const sum = (f: (s: (typeof scores)[number]) => number) => scores.reduce((a, s) => a + f(s), 0);
  const [answerable, unanswerable, hits, abstained] = [sum((s) => s.answerable), sum((s) => s.unanswerable), sum((s) => s.hits), sum((s) => s.abstained)];
  report.squad = { articles: scores, hit: hits / answerable, noAnswer: abstained / unanswerable, overall: (hits + abstained) / (answerable + unanswerable) };
  sections.push(
    [
      `\nSQuAD 2.0 open setting, leave-one-article-out: ${answerable + unanswerable} questions (${unanswerable} unanswerable) over ${articles.length} articles`,
      ...scores.map((s) => `  ${s.article.padEnd(48)} hit ${pct(s.hits / s.answerable).padStart(4)}  no-answer ${s.unanswerable ? pct(s.abstained / s.unanswerable).padStart(4) : "   —"}`),
      `  has-answer hit ${pct(hits / answerable)} · no-answer accuracy ${pct(abstained / unanswerable)} · overall ${pct((hits + abstained) / (answerable + unanswerable))}`,
    ].join("\n"),
  );
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const text = [`Answer model: models/answerer.json (see its trainedOn); trained-on folders scored by the model fitted without them. Offline word-vector embedder. Baseline: LangChain quickstart (RecursiveCharacterTextSplitter 1000/200 → HNSWLib → top-4).`, ...sections].join("\n");
  process.stdout.write(`${text}\n`);
  if (values.record) {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim();
    await appendFile("BENCHMARKS.md", `\n## Quality: npm run eval · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · commit ${commit}\n\n\`\`\`\n${text}\n\`\`\`\n`);
  }
}
