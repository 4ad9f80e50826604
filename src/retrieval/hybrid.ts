import type { CorpusIndex, IndexedParagraph } from "../index-store/corpus.js";
import { contentTerms } from "../text/terms.js";
import { Bm25Index, weightedTerms } from "./bm25.js";
import { type CorpusLexicon, lexiconFrom } from "./lexicon.js";
import { type AnalyzedQuestion, analyzeQuestion } from "./question.js";

export interface Candidate {
  /** Position in the index (the HNSW label). */
  label: number;
  paragraph: IndexedParagraph;
  /** Reciprocal-rank-fusion score of the two lists. */
  fused: number;
  /** Cosine similarity of the question to the paragraph's chunk (0 when not in the dense list). */
  dense: number;
  /** BM25 score (0 when not in the lexical list). */
  lexical: number;
}

export interface Retrieval {
  question: AnalyzedQuestion;
  queryVector: number[];
  candidates: Candidate[];
}

/** Weight of the neighbouring context a paragraph was embedded with, in its lexical terms. */
export const CONTEXT_WEIGHT = 0.5;
const RRF_K = 60;
/** The highest fused score: first in both lists, 2/(RRF_K + 1), as rounded for display (0.033). */
export const RELATED_SCORE_MAX = Math.round((2 / (RRF_K + 1)) * 1000) / 1000;
/** How deep each list is read before fusing. */
const DEPTH = 50;
/** How many of each list's top hits are always candidates. */
const GUARANTEED = 2;

export function paragraphTerms(p: IndexedParagraph) {
  return weightedTerms([
    { terms: contentTerms(p.text), weight: 1 },
    { terms: contentTerms(p.context), weight: CONTEXT_WEIGHT },
  ]);
}

/**
 * Lets other requests, and timers such as the answer deadline, run between the stages of one
 * question, so no question holds the event loop for all of its work. (Workers run one request
 * per isolate turn and have no setImmediate: there it is a no-op.)
 */
const yieldToOthers = () => new Promise<void>((r) => (typeof setImmediate === "function" ? setImmediate(r) : r()));

/** Items of one list (or rows of one table) share their lead-in; at most this many take candidate places. */
const PER_LIST = 2;

/**
 * Short list items carry their list's lead-in, so for a question about the lead-in every item
 * matches it, and one list could fill the candidates. Keep the best few of each list.
 */
function withoutCrowding(ranked: Candidate[]): Candidate[] {
  const seen = new Map<string, number>();
  return ranked.filter((c) => {
    const { kind, file, context } = c.paragraph;
    if ((kind !== "list-item" && kind !== "table-row") || !context) return true;
    const key = `${file}\0${context}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return seen.get(key)! <= PER_LIST;
  });
}

/**
 * Dense (HNSW) and lexical (BM25) retrieval over paragraphs, fused by reciprocal rank: vectors
 * find paraphrases ("frontline warship" → frigate), BM25 finds exact names, numbers and acronyms
 * the vectors blur (OSA, Asagiri, 18.1 billion).
 */
export class HybridRetriever {
  readonly bm25: Bm25Index;
  readonly lexicon: CorpusLexicon;

  constructor(
    private readonly index: CorpusIndex,
    isCommonWord?: (word: string) => boolean,
  ) {
    this.bm25 = index.lexical ?? new Bm25Index(index.paragraphs.map(paragraphTerms));
    this.lexicon = lexiconFrom(index.lexicon, isCommonWord);
  }

  async retrieve(questionText: string, k: number): Promise<Retrieval> {
    const question = analyzeQuestion(questionText, this.lexicon);
    await yieldToOthers();
    const queryVector = this.index.dense ? await this.index.dense.embedQuery(question.expandedText) : [];
    const dense = this.index.dense ? await this.index.dense.search(queryVector, DEPTH) : [];
    await yieldToOthers();
    const lexical = this.bm25.search(question.bm25Query, DEPTH);
    await yieldToOthers();

    const byLabel = new Map<number, Candidate>();
    const candidate = (label: number) => {
      let c = byLabel.get(label);
      if (!c) byLabel.set(label, (c = { label, paragraph: this.index.paragraphs[label]!, fused: 0, dense: 0, lexical: 0 }));
      return c;
    };
    dense.forEach(({ label, similarity }, rank) => {
      const c = candidate(label);
      c.dense = similarity;
      c.fused += 1 / (RRF_K + rank + 1);
    });
    lexical.forEach((hit, rank) => {
      const c = candidate(hit.doc);
      c.lexical = hit.score;
      c.fused += 1 / (RRF_K + rank + 1);
    });
    // Each list's very best hits always take part: a name only BM25 knows (one exact match,
    // no vector near it) must not lose to paragraphs that are middling in both lists.
    const guaranteed = new Set([...dense.slice(0, GUARANTEED).map((d) => d.label), ...lexical.slice(0, GUARANTEED).map((h) => h.doc)]);
    const fused = [...byLabel.values()].sort((a, b) => b.fused - a.fused);
    const first = fused.filter((c) => guaranteed.has(c.label));
    const candidates = withoutCrowding([...first, ...fused.filter((c) => !first.includes(c))]).slice(0, Math.max(k, first.length));
    return { question, queryVector, candidates };
  }
}
