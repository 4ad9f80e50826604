import type { Answerer } from "../../src/answer/answer.js";
import type { LogisticModel } from "../../src/answer/logistic.js";
import { logit } from "../../src/answer/logistic.js";
import { PARAGRAPH_FEATURES } from "../../src/retrieval/paragraph-ranker.js";
import { fitListwise } from "./fit-listwise.js";
import { L2, type LabeledQuestion, chooseCorpusSetWeight } from "./training.js";

/** An answerable question's retrieval pool: each paragraph's features, and whether it is a support. */
export interface ParagraphRow {
  id: string;
  group: string;
  weight: number;
  features: number[][];
  labels: number[];
}

export async function paragraphRows(answerer: Answerer, questions: LabeledQuestion[]): Promise<ParagraphRow[]> {
  const rows: ParagraphRow[] = [];
  for (const q of questions) {
    if (!q.answerable) continue;
    const { pool } = await answerer.retriever.pool(q.question);
    rows.push({ id: q.id, group: q.group, weight: 1, features: pool.map((p) => p.features), labels: pool.map((p) => (q.isSupport(p.paragraph) ? 1 : 0)) });
  }
  return rows;
}

/**
 * Listwise, each question's pool one list: on the docs folders held out it puts a support first
 * for 50.0 % of questions against 44.0 % for a per-paragraph logistic fit over the same features
 * (29 gained, 9 lost, exact McNemar p = 0.002; BENCHMARKS.md, "a listwise paragraph ranker; model v8").
 */
export const fitParagraphRanker = (rows: ParagraphRow[]): LogisticModel => fitListwise(rows, L2);

const LEXICAL_RANK = PARAGRAPH_FEATURES.indexOf("lexicalRank");
const DENSE_RANK = PARAGRAPH_FEATURES.indexOf("denseRank");

/**
 * What ordered the pool before the ranker, for comparison: reciprocal-rank fusion, 1/(60 + rank)
 * summed over the lists (60: the constant retrieval used, from the RRF paper).
 */
export function fusionScore(features: number[]): number {
  const part = (reciprocal: number) => (reciprocal > 0 ? 1 / (60 + 1 / reciprocal) : 0);
  return part(features[LEXICAL_RANK]!) + part(features[DENSE_RANK]!);
}

/** Whether a support is among the k paragraphs the score puts first. */
function foundWithin(row: ParagraphRow, score: (f: number[]) => number, k: number): boolean {
  const order = row.features.map((f, i) => ({ s: score(f), i })).sort((a, b) => b.s - a.s || a.i - b.i);
  return order.slice(0, k).some(({ i }) => row.labels[i] === 1);
}

/** Weighted share of rows with a support among the first k. */
export function recallAt(rows: ParagraphRow[], score: (f: number[]) => number, k: number): number {
  let found = 0;
  let total = 0;
  for (const r of rows) {
    total += r.weight;
    if (foundWithin(r, score, k)) found += r.weight;
  }
  return total ? found / total : 0;
}

export const rankerScore = (model: LogisticModel) => (f: number[]) => logit(model, f);

/** For each row of the groups, in a fixed order: is a support among the first k under a ranker fitted without its group? */
export function heldOutFound(rows: ParagraphRow[], groups: string[], k: number): boolean[] {
  const found: boolean[] = [];
  for (const g of groups) {
    const held = rows.filter((r) => r.group === g);
    if (!held.length) continue;
    const score = rankerScore(fitParagraphRanker(rows.filter((r) => r.group !== g)));
    for (const r of held) found.push(foundWithin(r, score, k));
  }
  return found;
}

/** Recall@k of each group's rows under a ranker fitted without that group, every row counting once. */
export function heldOutRecall(rows: ParagraphRow[], groups: string[], k: number): number {
  const found = heldOutFound(rows, groups, k);
  return found.length ? found.filter(Boolean).length / found.length : 0;
}

/**
 * The weight of the folders' questions in the paragraph ranker, chosen as for the unit ranker
 * (CORPUS_SET_WEIGHTS) by held-out recall at the answerer's k on the folders.
 */
export const weighParagraphRows = (rows: ParagraphRow[], groups: string[], k: number, log: (line: string) => void) =>
  chooseCorpusSetWeight(rows, groups, () => heldOutFound(rows, groups, k), `held-out recall@${k}`, log);
