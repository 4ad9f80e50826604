import { Embeddings } from "@langchain/core/embeddings";
import { STOPWORDS, tokenize } from "../text/terms.js";
import { WORD_VECTOR_PACKAGE, type WordVectorTable } from "./word-vector-format.js";

/**
 * Sentence vectors from pretrained word vectors, the offline tier: a SIF-weighted average
 * (Arora et al. 2017) where a word's weight is a / (a + p(w)) and p(w) follows Zipf's law from
 * the word's frequency rank, so common words fade without needing corpus statistics (which
 * would change every vector whenever the corpus changes and defeat incremental ingest).
 */
// Arora et al. find a in 1e-4 … 1e-3 works across their tasks; 1e-3, the top of that range, is
// their code's default. Not tuned here (it moves every stored vector: a change is a re-embed).
const SIF_A = 1e-3;
// Zipf–Mandelbrot's shift, p(r) ∝ 1 / (r + β): β ≈ 2.7 is the fit to English word frequencies
// (Piantadosi 2014, "Zipf's word frequency law in natural language"). `harmonic` below is the
// normaliser Σ 1 / (r + β) over the table, by its logarithmic approximation.
const ZIPF_SHIFT = 2.7;

export function wordVectorEmbedderId(version: string): string {
  return `wordvectors:${WORD_VECTOR_PACKAGE}@${version}:sif1`;
}

export class WordVectorEmbeddings extends Embeddings {
  readonly id: string;
  readonly dims: number;
  private readonly harmonic: number;

  /** `version` is the word-vector package's (wordVectorVersion() on Node; the build's on the Worker). */
  constructor(
    private readonly table: WordVectorTable,
    version: string,
  ) {
    super({});
    this.dims = table.dims;
    this.id = wordVectorEmbedderId(version);
    this.harmonic = Math.log(table.size + ZIPF_SHIFT) - Math.log(ZIPF_SHIFT) + 0.5;
  }

  private weight(rank: number): number {
    const p = 1 / ((rank + ZIPF_SHIFT) * this.harmonic);
    return SIF_A / (SIF_A + p);
  }

  /** Adds an out-of-vocabulary word as a fixed pseudo-random direction, so rare names still match themselves. */
  private addUnknown(sum: Float64Array, word: string): void {
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    for (let d = 0; d < this.dims; d++) {
      h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
      sum[d]! += (((h >>> 0) / 4294967296) * 2 - 1) * 0.6;
    }
  }

  embed(text: string): number[] {
    const { dims, rows, ranks, scales, values } = this.table;
    const sum = new Float64Array(dims);
    for (const token of tokenize(text)) {
      if (STOPWORDS.has(token)) continue;
      const row = rows.get(token);
      if (row === undefined) {
        if (token.length > 2 && !/^\d+$/.test(token)) this.addUnknown(sum, token);
        continue;
      }
      const w = this.weight(ranks?.[row] ?? row) * scales[row]!;
      const base = row * dims;
      for (let d = 0; d < dims; d++) sum[d]! += w * values[base + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += sum[d]! * sum[d]!;
    norm = Math.sqrt(norm);
    // An empty text still needs a valid unit vector for the cosine index.
    if (norm === 0) return Array.from({ length: dims }, (_, d) => (d === 0 ? 1 : 0));
    return Array.from(sum, (x) => x / norm);
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
