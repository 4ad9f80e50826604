import { verifyQuote } from "../answer/verify.js";
import { includesEntry } from "./match.js";
import { type EvalItem, isAnswerable } from "./question-set.js";

/** What one system did on one question, in the terms the metrics need. */
export interface Outcome {
  item: EvalItem;
  answer: string;
  abstained: boolean;
  citations: { file: string; paragraph: number; quote: string }[];
  /** Paragraph ranges retrieved before answer selection, best first (a paragraph is from === to). */
  retrieved: { file: string; from: number; to: number }[];
  ms: number;
}

export interface Metrics {
  questions: number;
  answerable: number;
  correctness: number;
  /** Answerable questions answered correctly with a citation of a supporting paragraph. */
  correctCited: number;
  citationHit: number;
  citationPrecision: number;
  verbatimQuotes: number;
  abstentionAccuracy: number | null;
  falseAbstention: number;
  /** Answerable questions with a code block among their support paragraphs. */
  codeQuestions: number;
  /** …whose answer cites a supporting code block: "how do I…" answered by the code (issue 11). */
  codeCited: number | null;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  p50ms: number;
  p95ms: number;
  misses: string[];
}

type Lookup = (file: string, paragraph: number) => string | undefined;

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The standard normal's 97.5th percentile: a two-sided 95 % interval. */
const Z95 = 1.96;

/**
 * The 95 % Wilson score interval of a share measured on n questions: how far the figure could
 * move on another set of the same size, so that a change of a few questions on a set of 48 is not
 * read as progress. Wilson's rather than share ± 1.96 standard errors, which shrinks to a point at
 * 0 % and 100 % and leaves [0, 1] on sets of a dozen questions, as the unanswerable parts are.
 */
export function wilsonInterval(share: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const z2 = Z95 * Z95;
  const centre = (share + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const supports = (item: EvalItem, file: string, from: number, to = from) =>
  item.support.some((s) => s.file === file && s.paragraph >= from && s.paragraph <= to);

function isCorrect(o: Outcome): boolean {
  return !o.abstained && o.item.must_include.every((entry) => includesEntry(o.answer, entry));
}

/** Scores a run. Citation precision counts answerable questions; abstention is scored separately. */
export function score(outcomes: Outcome[], lookup: Lookup): Metrics {
  const answerable = outcomes.filter((o) => isAnswerable(o.item));
  const unanswerable = outcomes.filter((o) => !isAnswerable(o.item));
  const citations = answerable.flatMap((o) => o.citations.map((c) => ({ o, c })));
  const allCitations = outcomes.flatMap((o) => o.citations);
  const firstSupportRank = (o: Outcome) => o.retrieved.findIndex((r) => supports(o.item, r.file, r.from, r.to));
  const hit = (o: Outcome) => o.citations.some((c) => supports(o.item, c.file, c.paragraph));
  const withCode = answerable.filter((o) => o.item.support.some((s) => s.code));
  const citesCode = (o: Outcome) => o.citations.some((c) => o.item.support.some((s) => s.code && s.file === c.file && s.paragraph === c.paragraph));
  const misses = outcomes
    .filter((o) => (isAnswerable(o.item) ? !(isCorrect(o) && hit(o)) : !o.abstained))
    .map((o) => o.item.id);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    correctness: ratio(answerable.filter(isCorrect).length, answerable.length),
    correctCited: ratio(answerable.filter((o) => isCorrect(o) && hit(o)).length, answerable.length),
    citationHit: ratio(answerable.filter(hit).length, answerable.length),
    citationPrecision: ratio(citations.filter(({ o, c }) => supports(o.item, c.file, c.paragraph)).length, citations.length),
    verbatimQuotes: ratio(allCitations.filter((c) => verifyQuote(c.quote, lookup(c.file, c.paragraph) ?? "")).length, allCitations.length),
    abstentionAccuracy: unanswerable.length ? ratio(unanswerable.filter((o) => o.abstained).length, unanswerable.length) : null,
    falseAbstention: ratio(answerable.filter((o) => o.abstained).length, answerable.length),
    codeQuestions: withCode.length,
    codeCited: withCode.length ? ratio(withCode.filter(citesCode).length, withCode.length) : null,
    recallAt1: ratio(answerable.filter((o) => firstSupportRank(o) === 0).length, answerable.length),
    recallAt5: ratio(answerable.filter((o) => { const r = firstSupportRank(o); return r >= 0 && r < 5; }).length, answerable.length),
    mrr: ratio(answerable.reduce((sum, o) => { const r = firstSupportRank(o); return sum + (r >= 0 ? 1 / (r + 1) : 0); }, 0), answerable.length),
    p50ms: percentile(outcomes.map((o) => o.ms), 50),
    p95ms: percentile(outcomes.map((o) => o.ms), 95),
    misses,
  };
}
