import { type WordVectorTable, rankOf } from "./word-vector-format.js";

/**
 * Cosine similarity between two words from the pretrained word vectors, so answer selection can
 * credit "finance" for "fund" or "warship" for "frigate" whichever embedder built the index, and
 * what general English frequency says about a word.
 */
export const COMMON_WORDS = 30_000;

export class WordSimilarity {
  private readonly cache = new Map<string, Float32Array | null>();

  constructor(private readonly table: WordVectorTable) {}

  private unit(word: string): Float32Array | null {
    let vector = this.cache.get(word);
    if (vector !== undefined) return vector;
    const row = this.table.rows.get(word);
    vector = null;
    if (row !== undefined) {
      const { dims, values } = this.table;
      const v = new Float32Array(dims);
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        v[d] = values[row * dims + d]!;
        norm += v[d]! * v[d]!;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) v[d]! /= norm;
      vector = v;
    }
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(word, vector);
    return vector;
  }

  /** A word among the 30,000 most frequent in general English: real, so never "corrected" as a typo. */
  isCommonWord(word: string): boolean {
    return (rankOf(this.table, word) ?? Number.POSITIVE_INFINITY) < COMMON_WORDS;
  }

  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const x = this.unit(a);
    const y = this.unit(b);
    if (!x || !y) return 0;
    let dot = 0;
    for (let d = 0; d < x.length; d++) dot += x[d]! * y[d]!;
    return dot;
  }
}
