import type { Answerer } from "../../src/answer/answer.js";
import type { IndexedParagraph } from "../../src/index-store/corpus.js";
import { PARAGRAPH_FEATURES } from "../../src/retrieval/paragraph-ranker.js";
import { DEFAULT_K } from "../../src/answer/depth.js";
import type { FeaturedUnit } from "../../src/answer/features.js";
import { UNIT_FEATURES } from "../../src/answer/features.js";
import type { LogisticModel } from "../../src/answer/logistic.js";
import { ANSWER_FEATURES, type AnswerModel, type RankedUnit, answerFeatures, rankUnits } from "../../src/answer/model.js";
import { chooseUnits } from "../../src/answer/select.js";
import { logit, sigmoid } from "../../src/answer/logistic.js";
import type { AnswerType } from "../../src/retrieval/question.js";
import { isAskedElsewhere } from "./asked-elsewhere.js";
import { fitLogistic, fitOverLists } from "./fit-logistic.js";

/** A question with a way to tell which answer units answer it. */
export interface LabeledQuestion {
  id: string;
  /** The fold it belongs to (an article, a corpus): held out together. */
  group: string;
  question: string;
  answerable: boolean;
  isAnswer(unit: FeaturedUnit): boolean;
  /** Whether a paragraph answers it (what the paragraph ranker learns). */
  isSupport(paragraph: IndexedParagraph): boolean;
}

/** A question's retrieved units with their features and labels: what the models learn from. */
export interface TrainingRow {
  id: string;
  group: string;
  answerable: boolean;
  answerType: AnswerType;
  units: FeaturedUnit[];
  labels: number[];
  /** How much the row counts in fitting (see weighCorpusSets). */
  weight: number;
}

export async function trainingRows(answerer: Answerer, questions: LabeledQuestion[], onProgress?: (done: number) => void): Promise<TrainingRow[]> {
  const rows: TrainingRow[] = [];
  for (const [i, q] of questions.entries()) {
    const retrieval = await answerer.retrieve(q.question, DEFAULT_K);
    const units = answerer.featured(retrieval);
    rows.push({ id: q.id, group: q.group, answerable: q.answerable, answerType: retrieval.question.answerType, units, labels: units.map((u) => (q.answerable && q.isAnswer(u) ? 1 : 0)), weight: 1 });
    if (onProgress && i % 250 === 0) onProgress(i);
  }
  return rows;
}

/** L2 penalty on standardised weights: a weak prior (the folds barely move with it in 0.1–10). */
export const L2 = 1;

export function fitRanker(rows: TrainingRow[]): LogisticModel {
  const answerable = rows.filter((r) => r.answerable);
  return fitOverLists(answerable.map((r) => ({ features: r.units.map((u) => u.features), labels: r.labels, weight: r.weight })), L2);
}

/** Whether the unit the ranker puts first answers the question. */
const topIsAnswer = (row: TrainingRow, ranked: RankedUnit[]) => ranked.length > 0 && row.labels[row.units.indexOf(stripRank(ranked[0]!, row))] === 1;

function stripRank(unit: RankedUnit, row: TrainingRow): FeaturedUnit {
  return row.units.find((u) => u.features === unit.features)!;
}

export interface Judged {
  row: TrainingRow;
  ranked: RankedUnit[];
  topCorrect: boolean;
  /** Some retrieved unit answers it: the documents cover the question (what answerability learns). */
  covered: boolean;
  answerFeatures: number[];
  /** Held-out answerability probability (filled by crossFit). */
  probability: number;
}

export function judge(ranker: LogisticModel, row: TrainingRow): Judged {
  const ranked = rankUnits({ ranker }, row.units);
  return {
    row,
    ranked,
    topCorrect: row.answerable && topIsAnswer(row, ranked),
    covered: row.labels.includes(1),
    answerFeatures: ranked.length ? answerFeatures(ranked, row.answerType) : new Array(ANSWER_FEATURES.length).fill(0),
    probability: 0,
  };
}

export function fitAnswerability(judged: Judged[]): LogisticModel {
  const usable = judged.filter((j) => j.ranked.length > 0);
  return fitLogistic(usable.map((j) => j.answerFeatures), usable.map((j) => (j.covered ? 1 : 0)), { l2: L2, rowWeights: usable.map((j) => j.row.weight) });
}

/**
 * Cross-fitting by group: every question is ranked by a ranker that never saw its group, and
 * its answerability comes from a model fitted on the other groups' held-out judgements.
 */
export function crossFit(rows: TrainingRow[]): Judged[] {
  const groups = [...new Set(rows.map((r) => r.group))];
  const judged: Judged[] = [];
  for (const g of groups) {
    const ranker = fitRanker(rows.filter((r) => r.group !== g));
    judged.push(...rows.filter((r) => r.group === g).map((r) => judge(ranker, r)));
  }
  for (const g of groups) {
    const model = fitAnswerability(judged.filter((j) => j.row.group !== g));
    for (const j of judged) if (j.row.group === g) j.probability = j.ranked.length ? sigmoid(logit(model, j.answerFeatures)) : 0;
  }
  return judged;
}

export interface OperatingPoint {
  threshold: number;
  coverage: number;
  /** Share of answered questions whose best unit is wrong or that had no answer. */
  risk: number;
  /** The rule's figure: overall accuracy, SQuAD's own questions and the folders' half each. */
  accuracy: number;
}

/** Which part of the held-out folds a question counts in for the threshold rule, if any. */
type RulePart = "squad" | "folders" | undefined;

function rulePart(row: TrainingRow, folderGroups: string[]): RulePart {
  if (folderGroups.includes(row.group)) return "folders";
  return isAskedElsewhere(row.id) ? undefined : "squad";
}

/**
 * Every threshold's coverage and risk (weighted, over every held-out row) and the rule's overall
 * accuracy (see THRESHOLD_RULE), from the most confident question down; a threshold answers every
 * question whose probability reaches it, so questions of equal probability make one point.
 */
export function riskCoverage(judged: Judged[], folderGroups: string[]): OperatingPoint[] {
  const sorted = [...judged].sort((a, b) => b.probability - a.probability);
  const all = Math.max(1e-9, sorted.reduce((sum, j) => sum + j.row.weight, 0));
  const parts = { squad: { size: 0, right: 0 }, folders: { size: 0, right: 0 } };
  for (const j of sorted) {
    const part = rulePart(j.row, folderGroups);
    if (!part) continue;
    parts[part].size++;
    // Answering nothing: every unanswerable question is right.
    if (!j.row.answerable) parts[part].right++;
  }
  const accuracy = () => {
    const shares = Object.values(parts).filter((p) => p.size > 0).map((p) => p.right / p.size);
    return shares.reduce((sum, s) => sum + s, 0) / Math.max(1, shares.length);
  };
  const points: OperatingPoint[] = [{ threshold: 1.000001, coverage: 0, risk: 0, accuracy: accuracy() }];
  let answered = 0;
  let right = 0;
  for (const [i, j] of sorted.entries()) {
    answered += j.row.weight;
    if (j.topCorrect) right += j.row.weight;
    const part = rulePart(j.row, folderGroups);
    if (part) parts[part].right += j.row.answerable ? (j.topCorrect ? 1 : 0) : -1;
    if (sorted[i + 1]?.probability === j.probability) continue;
    points.push({ threshold: j.probability, coverage: answered / all, risk: 1 - right / answered, accuracy: accuracy() });
  }
  return points;
}

/** The stated rule (twentieth session; BENCHMARKS.md, "The threshold rule"). */
export const THRESHOLD_RULE =
  "the threshold with the highest overall accuracy on held-out folds — an answerable question counts when it is answered with a right unit first, an unanswerable one when it is abstained on, each question once — SQuAD's own questions and the folders' questions weighing half each (the questions asked where their article is absent teach answerability and are not counted)";

/** The rule's choice; of equal figures, the lowest threshold (the one that answers most). */
export function chooseThreshold(points: OperatingPoint[]): OperatingPoint {
  return points.reduce((best, p) => (p.accuracy >= best.accuracy ? p : best));
}

/**
 * Where `npm run train` prints the held-out score, so that two fits can be compared at equal
 * thresholds: around the thresholds training has chosen so far (0.37–0.56).
 */
export const SCORE_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7];

/**
 * A figure to compare fits by (a feature set, a fitter), whatever folder weight each picks:
 * per source — SQuAD's articles, the folders' sets — the mean of the share of answerable questions
 * answered with a right unit first and the share of unanswerable ones abstained on, every question
 * counting once; the two sources weigh half each. End to end, as the Done-when bars count: an
 * answerable question answered with the wrong unit is a miss. (The threshold rule counts each
 * question once instead, so the folders' few unanswerable questions weigh as many as they are.)
 * It moves with the threshold: a fit whose threshold lands higher abstains on more of the few
 * unanswerable folder questions, which weigh as much as all the answerable ones, and can score
 * higher while answering fewer questions right (BENCHMARKS.md, "Hand-set constants retrained").
 * So compare fits at equal thresholds (SCORE_THRESHOLDS, printed by `npm run train`), and decide
 * end to end with `scripts/compare-evals.ts`.
 */
export function heldOutScore(judged: Judged[], threshold: number, folderGroups: string[]): { squad: number; folders: number; score: number } {
  const part = (inFolders: boolean) => {
    const js = judged.filter((j) => folderGroups.includes(j.row.group) === inFolders);
    const answerable = js.filter((j) => j.row.answerable);
    const unanswerable = js.filter((j) => !j.row.answerable);
    const hit = answerable.filter((j) => j.topCorrect && j.probability >= threshold).length / Math.max(1, answerable.length);
    const abstained = unanswerable.filter((j) => j.probability < threshold).length / Math.max(1, unanswerable.length);
    return (hit + abstained) / 2;
  };
  const squad = part(false);
  const folders = part(true);
  return { squad, folders, score: (squad + folders) / 2 };
}

/**
 * An extra sentence must earn its place: it has to add this many hits per question answered. A
 * price on an answer's length, set with the learned answerer (commit 10629d9), not fitted — what
 * it buys is a shorter answer, which no label here measures.
 */
export const EXTRA_UNIT_COST = 0.05;
/**
 * The ratios tried. The grid started at 0.2, and model v8 chose that edge; reaching down to 0 (at
 * most MAX_UNITS, whatever the ranker thinks of them), v8's rows choose 0.15 (BENCHMARKS.md, "the
 * keep-ratio grid").
 */
const KEEP_RATIOS = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** The keep ratio that maximises hits minus EXTRA_UNIT_COST per extra unit, on held-out rankings. */
export function chooseKeepRatio(judged: Judged[]): number {
  let best = { ratio: 1, value: Number.NEGATIVE_INFINITY };
  const answerable = judged.filter((j) => j.row.answerable && j.ranked.length);
  for (const ratio of KEEP_RATIOS) {
    let value = 0;
    for (const j of answerable) {
      const chosen = chooseUnits(j.ranked, ratio);
      const hit = chosen.some((u) => j.row.labels[j.row.units.indexOf(stripRank(u, j.row))] === 1);
      value += j.row.weight * ((hit ? 1 : 0) - EXTRA_UNIT_COST * (chosen.length - 1));
    }
    if (value > best.value) best = { ratio, value };
  }
  return best.ratio;
}

/**
 * How much a question of a folder's own set counts against one SQuAD question: the candidates are
 * tried leave-one-folder-out, and a larger weight is kept only where its held-out rankers do
 * measurably better on those folders (see chooseCorpusSetWeight). SQuAD has ~7,700 rows and a
 * folder's set ~60; without weight a docs folder's headings, list items and code would barely register.
 */
export const CORPUS_SET_WEIGHTS = [1, 5, 20, 50];

/** For each answerable question of the folders, in a fixed order: does a ranker fitted without its folder put an answer first? */
export function heldOutTopHits(rows: TrainingRow[], groups: string[]): boolean[] {
  const hits: boolean[] = [];
  for (const g of groups) {
    const ranker = fitRanker(rows.filter((r) => r.group !== g));
    for (const r of rows.filter((r) => r.group === g && r.answerable)) hits.push(judge(ranker, r).topCorrect);
  }
  return hits;
}

/**
 * Whether `next` beats `kept`, question by question: more gains than losses, by at least
 * √(gains + losses), the ship rule's test (which alone would let a 0 / 0 tie replace the weight kept).
 */
export function beatsBeyondNoise(next: readonly boolean[], kept: readonly boolean[]): { gained: number; lost: number; beats: boolean } {
  let gained = 0;
  let lost = 0;
  next.forEach((hit, i) => {
    if (hit && !kept[i]) gained++;
    if (!hit && kept[i]) lost++;
  });
  return { gained, lost, beats: gained > lost && gained - lost >= Math.sqrt(gained + lost) };
}

/**
 * Sets the weight of every corpus-set row to the one chosen of CORPUS_SET_WEIGHTS, logging each
 * trial; returns the weight. The weights are tried from the smallest up, and a larger one
 * replaces the weight kept only when its held-out hits (one per question, in the same order for
 * every weight) beat the kept weight's beyond the noise (beatsBeyondNoise). Picking the best
 * figure outright chose 50 on a lead of a few questions in ~300, and weight 50 by itself was seen
 * to cost a folder never trained on eight answers for none (BENCHMARKS.md, "Folder weight 50 alone").
 */
export function chooseCorpusSetWeight(rows: { group: string; weight: number }[], groups: string[], heldOut: () => boolean[], figure: string, log: (line: string) => void): number {
  let kept: { weight: number; hits: boolean[] } | undefined;
  for (const weight of CORPUS_SET_WEIGHTS) {
    for (const r of rows) if (groups.includes(r.group)) r.weight = weight;
    const hits = heldOut();
    const share = `${figure} ${((hits.filter(Boolean).length / Math.max(1, hits.length)) * 100).toFixed(1)}%`;
    if (!kept) {
      log(`  corpus-set weight ${weight}: ${share}`);
      kept = { weight, hits };
      continue;
    }
    const { gained, lost, beats } = beatsBeyondNoise(hits, kept.hits);
    log(`  corpus-set weight ${weight}: ${share}; against ${kept.weight}, ${gained} questions gained and ${lost} lost${beats ? ": taken" : ""}`);
    if (beats) kept = { weight, hits };
  }
  for (const r of rows) if (groups.includes(r.group)) r.weight = kept!.weight;
  return kept!.weight;
}

/** The unit ranker's corpus-set weight, judged by whether its held-out rankers put an answer first. */
export const weighCorpusSets = (rows: TrainingRow[], groups: string[], log: (line: string) => void) =>
  chooseCorpusSetWeight(rows, groups, () => heldOutTopHits(rows, groups), "held-out top-1 hit", log);

const round = (x: number) => Number(x.toPrecision(6));
export const roundModel = (m: LogisticModel): LogisticModel => ({ mean: m.mean.map(round), scale: m.scale.map(round), weights: m.weights.map(round), bias: round(m.bias) });

/** The model's minCoverage: the least bestCoverParagraph of the training questions judged with an answer retrieved. */
export function leastCoverageAnswered(judged: Pick<Judged, "covered" | "answerFeatures">[]): number {
  const column = ANSWER_FEATURES.indexOf("bestCoverParagraph");
  let least = 1;
  for (const j of judged) if (j.covered) least = Math.min(least, j.answerFeatures[column]!);
  return least;
}

/** The shipped model: ranker and answerability fitted on every row, settings from the held-out folds. */
export function finalModel(rows: TrainingRow[], judged: Judged[], trainedOn: string, paragraphRanker: LogisticModel, folderGroups: string[]): AnswerModel {
  const threshold = chooseThreshold(riskCoverage(judged, folderGroups)).threshold;
  return {
    version: 1,
    trainedOn,
    paragraphFeatures: [...PARAGRAPH_FEATURES],
    paragraphRanker,
    unitFeatures: [...UNIT_FEATURES],
    ranker: roundModel(fitRanker(rows)),
    answerFeatures: [...ANSWER_FEATURES],
    answerability: roundModel(fitAnswerability(judged)),
    threshold: round(threshold),
    thresholdRule: THRESHOLD_RULE,
    keepRatio: chooseKeepRatio(judged),
    minCoverage: round(leastCoverageAnswered(judged)),
  };
}
