/**
 * Okapi BM25 over an inverted index, so a query touches only the postings of its own terms
 * rather than every paragraph. Term frequencies are weights: a paragraph's own words count 1,
 * the neighbouring context it was embedded with counts CONTEXT_WEIGHT.
 */
export interface WeightedTerms {
  /** term → weighted frequency */
  counts: Map<string, number>;
  length: number;
}

export interface Hit {
  doc: number;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

export function weightedTerms(groups: { terms: string[]; weight: number }[]): WeightedTerms {
  const counts = new Map<string, number>();
  let length = 0;
  for (const { terms, weight } of groups) {
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + weight);
    length += terms.length * weight;
  }
  return { counts, length };
}

export class Bm25Index {
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  /** Score accumulator reused by every search (JS is single-threaded; search is synchronous). */
  private readonly scores: Float64Array;
  readonly size: number;

  constructor(docs: WeightedTerms[]) {
    this.size = docs.length;
    this.lengths = new Float32Array(docs.length);
    this.scores = new Float64Array(docs.length);
    let total = 0;
    docs.forEach((doc, id) => {
      this.lengths[id] = doc.length;
      total += doc.length;
      for (const [term, tf] of doc.counts) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(id);
        list.tfs.push(tf);
      }
    });
    this.averageLength = total / Math.max(1, docs.length) || 1;
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** Inverse document frequency; a term found nowhere gets the largest value. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Top k documents for weighted query terms. */
  search(query: Map<string, number>, k: number): Hit[] {
    const { scores, lengths } = this;
    const touched: number[] = [];
    const lengthNorm = (K1 * B) / this.averageLength;
    for (const [term, queryWeight] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * queryWeight;
      const { docs, tfs } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B) + lengthNorm * lengths[doc]!);
      }
    }
    const hits = topK(touched, scores, k);
    for (const doc of touched) scores[doc] = 0;
    return hits;
  }
}

/** The k highest-scoring documents, without sorting all of them. */
export function topK(docs: number[], scores: Float64Array, k: number): Hit[] {
  const hits: Hit[] = [];
  for (const doc of docs) {
    const score = scores[doc]!;
    if (hits.length < k) {
      hits.push({ doc, score });
      if (hits.length === k) hits.sort((a, b) => b.score - a.score);
    } else if (score > hits[k - 1]!.score) {
      let i = k - 1;
      while (i > 0 && hits[i - 1]!.score < score) i--;
      hits.splice(i, 0, { doc, score });
      hits.pop();
    }
  }
  return hits.length < k ? hits.sort((a, b) => b.score - a.score) : hits;
}
