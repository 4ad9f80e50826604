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

/**
 * BM25's term-frequency saturation and length normalisation: the customary values (Robertson and
 * Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009), set in the first round.
 * Retrained in full with b 0.4 or 0.9, or k1 2, none did better end to end (24 / 13 / 14 questions
 * lost, 17 / 4 / 4 gained of 477; BENCHMARKS.md, "Hand-set constants retrained").
 */
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

/** The index as flat arrays, as ingest saves it and the server reads it back without rebuilding. */
export interface Bm25Data {
  /** Every term, sorted (JavaScript string order), so a term is found by binary search. */
  terms: string[];
  /** Postings per term, in the order of terms; the term's docs and tfs follow the previous term's. */
  counts: Uint32Array;
  docs: Int32Array;
  tfs: Float32Array;
  lengths: Float32Array;
}

/**
 * Where a term's postings come from: arrays in memory (built here, or on the Worker), or a file
 * read a term at a time (index-store/serving-files.ts), so a loaded index need not hold every
 * posting (35 MB at 100k paragraphs, held twice while a live swap loads the next build).
 */
export interface Postings {
  /**
   * Postings [from, to) of the flat arrays: posting i is at i - from + at in the arrays returned,
   * which are valid until the next call.
   */
  read(from: number, to: number): { docs: Int32Array; tfs: Float32Array; at: number };
}

/** What a Bm25Index searches: the terms and their counts, the lengths, and the postings. */
export interface Bm25Source {
  terms: string[];
  counts: Uint32Array;
  lengths: Float32Array;
  postings: Postings;
}

export function postingsInMemory(docs: Int32Array, tfs: Float32Array): Postings {
  return { read: (from) => ({ docs, tfs, at: from }) };
}

function isData(source: Bm25Data | Bm25Source): source is Bm25Data {
  return "docs" in source;
}

/** Binary search in sorted terms: a loaded index needs no Map of its (often 100,000s of) terms. */
function findTerm(terms: string[], term: string): number {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = terms[mid]!;
    if (t === term) return mid;
    if (t < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Collects postings a document at a time, so a large corpus never holds every document's term
 * counts at once (at 100k paragraphs those maps alone were hundreds of MB during ingest).
 */
export class Bm25Builder {
  private readonly lists = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: number[] = [];

  add(doc: WeightedTerms): void {
    const id = this.lengths.push(doc.length) - 1;
    for (const [term, tf] of doc.counts) {
      let list = this.lists.get(term);
      if (!list) this.lists.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(id);
      list.tfs.push(tf);
    }
  }

  build(): Bm25Data {
    const terms = [...this.lists.keys()].sort();
    const counts = new Uint32Array(terms.length);
    let total = 0;
    terms.forEach((term, i) => (total += counts[i] = this.lists.get(term)!.docs.length));
    const docs = new Int32Array(total);
    const tfs = new Float32Array(total);
    let at = 0;
    for (const term of terms) {
      const list = this.lists.get(term)!;
      docs.set(list.docs, at);
      tfs.set(list.tfs, at);
      at += list.docs.length;
    }
    return { terms, counts, docs, tfs, lengths: Float32Array.from(this.lengths) };
  }
}

function flatten(docs: WeightedTerms[]): Bm25Data {
  const builder = new Bm25Builder();
  for (const doc of docs) builder.add(doc);
  return builder.build();
}

export class Bm25Index {
  private readonly data: Bm25Source;
  /** Where each term's postings start in docs/tfs (one more entry than terms). */
  private readonly starts: Uint32Array;
  private readonly averageLength: number;
  /** Score accumulator reused by every search (JS is single-threaded; search is synchronous). */
  private readonly scores: Float64Array;
  /** IDF-weighted query terms each document holds, reused likewise. */
  private readonly matched: Float64Array;
  /**
   * The documents a search has scored, in the order first scored, reused likewise: a question
   * at 100k paragraphs scores ~60k of them (~90k postings), and pushing those onto a new array
   * took ~2/3 of the search (5.4 → 1.7 ms p50 over the seeds and dev questions, scratch timing).
   */
  private readonly touched: Int32Array;
  readonly size: number;

  constructor(docs: WeightedTerms[] | Bm25Data | Bm25Source) {
    const source = Array.isArray(docs) ? flatten(docs) : docs;
    this.data = isData(source) ? { terms: source.terms, counts: source.counts, lengths: source.lengths, postings: postingsInMemory(source.docs, source.tfs) } : source;
    this.size = this.data.lengths.length;
    this.starts = new Uint32Array(this.data.terms.length + 1);
    for (let i = 0; i < this.data.terms.length; i++) this.starts[i + 1] = this.starts[i]! + this.data.counts[i]!;
    this.scores = new Float64Array(this.size);
    this.matched = new Float64Array(this.size);
    this.touched = new Int32Array(this.size);
    let total = 0;
    for (const length of this.data.lengths) total += length;
    this.averageLength = total / Math.max(1, this.size) || 1;
  }

  documentFrequency(term: string): number {
    const i = findTerm(this.data.terms, term);
    return i < 0 ? 0 : this.data.counts[i]!;
  }

  /**
   * The documents holding a term (in their text or context), in increasing order: a copy, as the
   * postings read from a file are valid only until the next read.
   */
  holders(term: string): Int32Array {
    const t = findTerm(this.data.terms, term);
    if (t < 0) return new Int32Array(0);
    const from = this.starts[t]!;
    const to = this.starts[t + 1]!;
    const { docs, at } = this.data.postings.read(from, to);
    return docs.slice(at, at + to - from);
  }

  /** Inverse document frequency; a term found nowhere gets the largest value. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Top k documents for weighted query terms. */
  search(query: Map<string, number>, k: number): Hit[] {
    return this.searchCovering(query, k).hits;
  }

  /**
   * Top k documents, and for every document holding any query term (in its text or context) the
   * IDF-weighted share of the query it holds: what the paragraph ranker reads as coverage without
   * reading any paragraph's text.
   */
  searchCovering(query: Map<string, number>, k: number, alsoFor: readonly number[] = []): { hits: Hit[]; covered: Map<number, number> } {
    const { scores, matched, touched } = this;
    let total = 0;
    let scored = 0;
    const lengthNorm = (K1 * B) / this.averageLength;
    const { terms, lengths, postings } = this.data;
    for (const [term, queryWeight] of query) {
      const t = findTerm(terms, term);
      if (t < 0) continue;
      const idf = this.idf(term) * queryWeight;
      const from = this.starts[t]!;
      const to = this.starts[t + 1]!;
      const { docs, tfs, at } = postings.read(from, to);
      for (let i = at; i < at + to - from; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        if (scores[doc] === 0) touched[scored++] = doc;
        scores[doc]! += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B) + lengthNorm * lengths[doc]!);
        matched[doc]! += idf;
      }
    }
    for (const [term, queryWeight] of query) total += this.idf(term) * queryWeight;
    const hits = topK(touched, scored, scores, k);
    const covered = new Map<number, number>();
    for (const doc of [...hits.map((h) => h.doc), ...alsoFor]) covered.set(doc, total > 0 ? matched[doc]! / total : 0);
    for (let i = 0; i < scored; i++) scores[touched[i]!] = matched[touched[i]!] = 0;
    return { hits, covered };
  }
}

/** The k highest-scoring of the first `count` documents of `docs`, without sorting all of them. */
export function topK(docs: Int32Array, count: number, scores: Float64Array, k: number): Hit[] {
  const hits: Hit[] = [];
  for (let j = 0; j < count; j++) {
    const doc = docs[j]!;
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
