import type { CorpusIndex, IndexedParagraph } from "../index-store/corpus.js";
import { contentTerms } from "../text/terms.js";
import { ParagraphShapesBuilder } from "../index-store/paragraph-shapes.js";
import { Bm25Index, weightedTerms } from "./bm25.js";
import { type CorpusLexicon, lexiconFrom } from "./lexicon.js";
import { type AnalyzedQuestion, analyzeQuestion } from "./question.js";
import type { LogisticModel } from "../answer/logistic.js";
import { DocumentNames, type PoolCorpus, type PooledParagraph, type RankedParagraph, poolFeatures, rankPool } from "./paragraph-ranker.js";

export interface Candidate {
  /** Position in the index (the HNSW label). */
  label: number;
  paragraph: IndexedParagraph;
  /** The paragraph ranker's probability that this paragraph answers the question. */
  relevance: number;
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

/**
 * Weight of the neighbouring context a paragraph was embedded with, in its lexical terms: half, so
 * a section heading helps its paragraphs match without matching as strongly as their own words.
 * Set by hand in the first round (commit 2bc3ef3); 0.25 and 1 retrained in full did no better end to
 * end (0.25: 7 questions lost, 8 gained of 477; 1: 23 lost, 11 gained; BENCHMARKS.md, "Hand-set
 * constants retrained").
 */
export const CONTEXT_WEIGHT = 0.5;
/**
 * How deep each list is read into the pool the paragraph ranker orders: on the three training
 * folders a support paragraph is in the union of the top 50 of each list for 90–96 % of questions,
 * against 86–90 % for BM25's top 50 alone (scripts/retrieval-depth.ts).
 */
export const POOL_DEPTH = 50;

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
 * matches it, and one list could fill the candidates. Keep the best few of each list: the first
 * k of the ranked paragraphs that do not crowd, each read from the index only once it is kept
 * (or, for a list item or table row, to see whose lead-in it carries).
 */
function withoutCrowding(ranked: RankedParagraph[], k: number): Candidate[] {
  const seen = new Map<string, number>();
  const crowds = (p: PooledParagraph) => {
    if (p.shape.kind !== "list-item" && p.shape.kind !== "table-row") return false;
    const { file, context } = p.paragraph;
    if (!context) return false;
    const key = `${file}\0${context}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return seen.get(key)! > PER_LIST;
  };
  const candidates: Candidate[] = [];
  for (const { pooled, relevance } of ranked) {
    if (candidates.length >= k) break;
    if (crowds(pooled)) continue;
    const { label, paragraph, dense, lexical } = pooled;
    candidates.push({ label, paragraph, relevance, dense, lexical });
  }
  return candidates;
}

/** A question's pool before ranking: what training learns the paragraph ranker from. */
export interface Pool {
  question: AnalyzedQuestion;
  queryVector: number[];
  pool: PooledParagraph[];
}

/**
 * Dense (HNSW) and lexical (BM25) retrieval over paragraphs, ordered by the learned paragraph
 * ranker: vectors find paraphrases ("frontline warship" → frigate), BM25 finds exact names,
 * numbers and acronyms the vectors blur (OSA, Asagiri, 18.1 billion).
 */
export class HybridRetriever {
  readonly bm25: Bm25Index;
  readonly lexicon: CorpusLexicon;
  private readonly corpus: PoolCorpus;

  constructor(
    private readonly index: CorpusIndex,
    private readonly ranker: LogisticModel,
    isCommonWord?: (word: string) => boolean,
  ) {
    this.bm25 = index.lexical ?? new Bm25Index(index.paragraphs.map(paragraphTerms));
    this.lexicon = lexiconFrom(index.lexicon, isCommonWord);
    // Like BM25: what ingest saved, or built here from paragraphs held in memory.
    const shapes = index.shapes ?? ParagraphShapesBuilder.of(index.paragraphs);
    this.corpus = {
      paragraphs: index.paragraphs,
      shape: (label) => shapes.of(label),
      names: new DocumentNames(index.titles),
      idf: (term) => this.bm25.idf(term),
    };
  }

  /** Every paragraph either list finds for the question, with the ranker's features. */
  async pool(questionText: string): Promise<Pool> {
    const question = analyzeQuestion(questionText, this.lexicon);
    await yieldToOthers();
    const queryVector = this.index.dense ? await this.index.dense.embedQuery(question.expandedText) : [];
    const dense = this.index.dense ? await this.index.dense.search(queryVector, POOL_DEPTH) : [];
    await yieldToOthers();
    const { hits, covered } = this.bm25.searchCovering(question.bm25Query, POOL_DEPTH, dense.map((d) => d.label));
    await yieldToOthers();
    return { question, queryVector, pool: poolFeatures(dense, hits, covered, question.bm25Query, this.corpus) };
  }

  async retrieve(questionText: string, k: number): Promise<Retrieval> {
    const { question, queryVector, pool } = await this.pool(questionText);
    return { question, queryVector, candidates: withoutCrowding(rankPool(this.ranker, pool), k) };
  }
}
