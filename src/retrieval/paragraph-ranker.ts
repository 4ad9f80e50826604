import type { IndexedParagraph } from "../index-store/corpus.js";
import type { ParagraphShape } from "../index-store/paragraph-shapes.js";
import { type LogisticModel, logit, sigmoid } from "../answer/logistic.js";
import { contentTerms } from "../text/terms.js";

/**
 * Which retrieved paragraphs go on to answering: a learned ranker over the pool the two lists
 * found (issue 10: a third of docs questions were lost here while reciprocal-rank fusion of a
 * weak vector list with BM25 ranked worse than BM25 alone). Features are ranks, shares and
 * shapes, never words, so what is learnt on SQuAD and the training folders carries over. The
 * vector list enters by rank only: a better embedder (the transformers tier) gives better ranks
 * without changing what a rank means, so one fit serves every embedder. It is fitted listwise
 * (scripts/lib/fit-listwise.ts: which of a question's paragraphs comes first), its score then
 * scaled into the probability that a paragraph is a support, which answering reads as relevance.
 */
export const PARAGRAPH_FEATURES = [
  "lexicalRank", // 1 / (1 + rank) in the BM25 list, 0 when not in it
  "denseRank", // 1 / (1 + rank) in the vector list, 0 when not in it
  "lexicalRelative", // BM25 score over the best BM25 score of the question
  "coverLexical", // IDF-weighted share of the question's terms the paragraph or its context holds
  "coverDocument", // …that its document's name or title holds ("MockAgent" → MockAgent.md)
  "heading",
  "listItem",
  "tableRow",
  "code",
  "length", // log of the paragraph's length in characters
] as const;

export interface PooledParagraph {
  label: number;
  /** Its document, kind and length: all its features read of it. */
  shape: ParagraphShape;
  /**
   * The paragraph itself, read from the index when first asked for: ranking needs only the
   * shape, and a served index reads and parses each paragraph it is asked for from disk.
   */
  readonly paragraph: IndexedParagraph;
  /** Cosine similarity in the vector list (0 when not in it). */
  dense: number;
  /** BM25 score (0 when not in the lexical list). */
  lexical: number;
  features: number[];
}

/** Where each paragraph stands in the two lists, by label. */
interface ListRanks {
  denseRank: Map<number, number>;
  similarity: Map<number, number>;
  lexicalRank: Map<number, number>;
  score: Map<number, number>;
  bestScore: number;
  covered: Map<number, number>;
}

/** What the pool's features read of the corpus beyond the two lists. */
export interface PoolCorpus {
  paragraphs: IndexedParagraph[];
  /** A paragraph's shape, without reading the paragraph where the index holds its shapes. */
  shape(label: number): ParagraphShape;
  names: DocumentNames;
  idf(term: string): number;
}

const reciprocal = (rank: number | undefined) => (rank === undefined ? 0 : 1 / (1 + rank));

/** The terms of a document's name and title, once per file. */
export class DocumentNames {
  private readonly terms = new Map<string, Set<string>>();

  constructor(private readonly titles: Record<string, string> = {}) {}

  of(file: string): Set<string> {
    let terms = this.terms.get(file);
    if (!terms) {
      // "docs/api/MockAgent.md" names MockAgent; "Guides/Getting-Started.md" getting started.
      const name = (file.split("/").pop() ?? file).replace(/\.[a-z0-9]+$/i, "").replace(/[-_.]+/g, " ");
      this.terms.set(file, (terms = new Set(contentTerms(`${name} ${this.titles[file] ?? ""}`))));
    }
    return terms;
  }
}

/** IDF-weighted share of the query's terms for which `holds` is true. */
function share(query: Map<string, number>, idf: (term: string) => number, holds: (term: string) => boolean): number {
  let held = 0;
  let total = 0;
  for (const [term, weight] of query) {
    const w = idf(term) * weight;
    total += w;
    if (holds(term)) held += w;
  }
  return total > 0 ? held / total : 0;
}

function pooled(label: number, lists: ListRanks, query: Map<string, number>, corpus: PoolCorpus): PooledParagraph {
  const shape = corpus.shape(label);
  const kind = shape.kind;
  const names = corpus.names.of(shape.file);
  const lexical = lists.score.get(label) ?? 0;
  const features = [
    reciprocal(lists.lexicalRank.get(label)),
    reciprocal(lists.denseRank.get(label)),
    lists.bestScore > 0 ? lexical / lists.bestScore : 0,
    lists.covered.get(label) ?? 0,
    share(query, corpus.idf, (t) => names.has(t)),
    kind === "heading" ? 1 : 0,
    kind === "list-item" ? 1 : 0,
    kind === "table-row" ? 1 : 0,
    kind === "code" ? 1 : 0,
    Math.log(1 + shape.length),
  ];
  const { paragraphs } = corpus;
  return {
    label,
    shape,
    get paragraph() {
      return paragraphs[label]!;
    },
    dense: lists.similarity.get(label) ?? 0,
    lexical,
    features,
  };
}

/** Every paragraph either list found (vector list first), with its features. */
export function poolFeatures(
  dense: { label: number; similarity: number }[],
  lexical: { doc: number; score: number }[],
  covered: Map<number, number>,
  query: Map<string, number>,
  corpus: PoolCorpus,
): PooledParagraph[] {
  const lists: ListRanks = {
    denseRank: new Map(dense.map((d, rank) => [d.label, rank])),
    similarity: new Map(dense.map((d) => [d.label, d.similarity])),
    lexicalRank: new Map(lexical.map((h, rank) => [h.doc, rank])),
    score: new Map(lexical.map((h) => [h.doc, h.score])),
    bestScore: lexical[0]?.score ?? 0,
    covered,
  };
  const labels = new Set([...dense.map((d) => d.label), ...lexical.map((h) => h.doc)]);
  return [...labels].map((label) => pooled(label, lists, query, corpus));
}

/** A pooled paragraph with the ranker's probability that it is a support. */
export interface RankedParagraph {
  /** As pooled (not copied: a copy would read its paragraph). */
  pooled: PooledParagraph;
  relevance: number;
}

/** The pool ranked by the learned model, best first. */
export function rankPool(model: LogisticModel, pool: PooledParagraph[]): RankedParagraph[] {
  return pool
    .map((pooled) => ({ pooled, relevance: sigmoid(logit(model, pooled.features)) }))
    .sort((a, b) => b.relevance - a.relevance || a.pooled.label - b.pooled.label);
}
