import type { CorpusIndex } from "../index-store/corpus.js";
import { HybridRetriever, type Retrieval } from "../retrieval/hybrid.js";
import { contentTerms } from "../text/terms.js";
import type { Answer, Citation, RelatedPassage } from "../types.js";
import { type UnitScore, answerFit, conceptCoverage, coverage, memoizedWords, scoreUnit } from "./score.js";
import { type AnswerUnit, answerUnits } from "./units.js";
import { answerProblems, verifyQuote } from "./verify.js";

/** What answering needs to know about English words beyond the corpus (see WordSimilarity). */
export interface WordKnowledge {
  similarity(a: string, b: string): number;
  isCommonWord(word: string): boolean;
}

export interface AskOptions {
  /** How many retrieved paragraphs the answer may draw on (1–20). */
  k?: number;
}

export interface ScoredUnit extends AnswerUnit {
  scores: UnitScore;
}

/**
 * Calibrated on tests/questions.json and ../shared/eval/dev.json (see scripts/calibrate.ts):
 * below MIN_COVERAGE the best unit leaves too much of the question unaddressed to answer it.
 */
export const MIN_COVERAGE = 0.45;
export const MIN_SCORE = 0.3;
/** …and the names the question asks about (Thailand, OSA) must, on average, be mentioned this much. */
export const MIN_NAMES = 0.5;

function answers(unit: ScoredUnit): boolean {
  return unit.scores.coverage >= MIN_COVERAGE && unit.scores.score >= MIN_SCORE && unit.scores.names >= MIN_NAMES;
}
/** Further units join the answer when they score this close to the best one… */
const KEEP_RATIO = 0.9;
/** …or, as the sentence next to the best one in its paragraph, this close (explanations span sentences). */
const NEIGHBOUR_RATIO = 0.65;
const MAX_UNITS = 3;
export const DEFAULT_K = 10;

export const REFUSAL = "The documents don't say. Nothing in them answers this question closely enough to cite.";

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);

function overlap(a: string, b: string): number {
  const x = new Set(contentTerms(a));
  const y = new Set(contentTerms(b));
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

/** A document's own "[3]" must not read as one of our citation markers. */
function neutralizeMarkers(text: string): string {
  return text.replace(/\[(\d+)\]/g, "($1)");
}

/** "Sentence text [1]." — the marker goes before the sentence's closing punctuation. */
function citedSentence(display: string, n: number): string {
  const text = neutralizeMarkers(display.trim());
  const end = text.match(/[.!?…]+["”’)]*$|[:;,]$/);
  if (!end) return `${text} [${n}].`;
  const body = text.slice(0, end.index);
  const stop = /^[:;,]$/.test(end[0]) ? "." : end[0];
  return `${body} [${n}]${stop}`;
}

const ANAPHOR = /^(?:They|This|These|That|Those|It|Such|Its|Their)\b/;

/**
 * A chosen sentence that opens with "They…"/"This…" is unreadable alone: bring in the sentence
 * before it, and a chosen sentence followed by such a sentence brings that one along, since it
 * usually carries the substance ("They offer financing terms…").
 */
function withAntecedents(chosen: ScoredUnit[], ranked: ScoredUnit[]): ScoredUnit[] {
  const sibling = (u: ScoredUnit, offset: number) =>
    ranked.find((r) => r.paragraph === u.paragraph && r.index === u.index + offset);
  const result: ScoredUnit[] = [];
  for (const unit of chosen) {
    const before = ANAPHOR.test(unit.display) ? sibling(unit, -1) : undefined;
    const after = sibling(unit, 1);
    for (const u of [before, unit, after && ANAPHOR.test(after.display) ? after : undefined]) {
      if (u && !result.includes(u)) result.push(u);
    }
  }
  return result.slice(0, MAX_UNITS + 1);
}

export class Answerer {
  readonly retriever: HybridRetriever;

  private readonly similarity: (a: string, b: string) => number;

  constructor(
    readonly index: CorpusIndex,
    words: WordKnowledge,
  ) {
    this.retriever = new HybridRetriever(index, (w) => words.isCommonWord(w));
    this.similarity = (a, b) => words.similarity(a, b);
  }

  /** Scores every answer unit of the top k retrieved paragraphs, best first. */
  async rank(retrieval: Retrieval): Promise<ScoredUnit[]> {
    const { question, queryVector, candidates } = retrieval;
    const units = candidates.flatMap((c) => answerUnits(c.paragraph).map((u) => ({ unit: u, candidate: c })));
    if (units.length === 0) return [];
    // Without dense vectors (lexical-only on the edge) similarity is left out, not guessed.
    const vectors = this.index.dense ? await this.index.dense.embedDocuments(units.map(({ unit }) => unit.display)) : units.map(() => []);
    const topFused = candidates[0]!.fused;
    const { bm25 } = this.retriever;
    const wordsOf = memoizedWords();
    const idf = (term: string) => bm25.idf(term);
    // Names most paragraphs mention ("Japan" here) say nothing about which paragraph answers.
    const telling = question.concepts.map((c) => c.name && bm25.documentFrequency(c.term) <= bm25.size / 2);
    return units
      .map(({ unit, candidate }, i) => {
        const perConcept = conceptCoverage(question, unit, this.similarity, wordsOf);
        return {
          ...unit,
          scores: scoreUnit({
            coverage: coverage(question, perConcept, idf),
            names: mean(perConcept.filter((_, j) => telling[j])),
            // A fragment is read with its lead-in, as it was embedded.
            similarity: this.index.dense ? Math.max(cosine(queryVector, vectors[i]!), unit.fragment ? candidate.dense : 0) : null,
            prior: candidate.fused / topFused,
            fit: answerFit(question, unit),
          }),
        };
      })
      .sort((a, b) => b.scores.score - a.scores.score);
  }

  /** The best unit and those nearly as good that add something new. */
  select(ranked: ScoredUnit[]): ScoredUnit[] {
    const best = ranked[0];
    if (!best || !answers(best)) return [];
    const chosen = [best];
    const neighbour = ranked.find(
      (u) => u.paragraph === best.paragraph && Math.abs(u.index - best.index) === 1 && u.scores.score >= best.scores.score * NEIGHBOUR_RATIO,
    );
    if (neighbour) chosen.push(neighbour);
    for (const unit of ranked.slice(1)) {
      if (chosen.length >= MAX_UNITS || unit.scores.score < best.scores.score * KEEP_RATIO) break;
      if (!answers(unit)) continue;
      if (chosen.some((c) => overlap(c.display, unit.display) > 0.6)) continue;
      // One unit per paragraph, unless it continues one already chosen.
      if (chosen.some((c) => c.paragraph === unit.paragraph && Math.abs(c.index - unit.index) !== 1)) continue;
      chosen.push(unit);
    }
    return withAntecedents(chosen, ranked);
  }

  compose(chosen: ScoredUnit[]): Answer {
    const citations: Citation[] = [];
    const sentences: string[] = [];
    for (const unit of chosen) {
      if (!verifyQuote(unit.quote, unit.paragraph.text)) continue; // never cite what the paragraph doesn't say
      const n = citations.length + 1;
      citations.push({
        n,
        file: unit.paragraph.file,
        paragraph: unit.paragraph.n,
        line: unit.paragraph.line,
        quote: unit.quote,
        score: Math.round(unit.scores.score * 1000) / 1000,
      });
      sentences.push(citedSentence(unit.display, n));
    }
    return { answer: sentences.join(" "), abstained: false, citations };
  }

  related(retrieval: Retrieval): RelatedPassage[] {
    return retrieval.candidates.slice(0, 3).map((c) => ({
      file: c.paragraph.file,
      paragraph: c.paragraph.n,
      line: c.paragraph.line,
      text: c.paragraph.text,
      score: Math.round(c.fused * 1000) / 1000,
    }));
  }

  async answer(question: string, options: AskOptions = {}): Promise<Answer> {
    const retrieval = await this.retriever.retrieve(question, options.k ?? DEFAULT_K);
    const answer = this.compose(this.select(await this.rank(retrieval)));
    const lookup = (file: string, n: number) => this.index.byFile.get(file)?.[n - 1]?.text;
    if (answer.citations.length === 0 || answerProblems(answer, lookup).length > 0) {
      return { answer: REFUSAL, abstained: true, citations: [], related: this.related(retrieval) };
    }
    return answer;
  }
}
