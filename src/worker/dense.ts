import type { DenseIndex } from "../index-store/corpus.js";
import type { WorkerEnv } from "./bindings.js";

/** Workers AI models that embed exactly as an ingest embedder does (same weights, same pooling). */
const WORKERS_AI_MATCHES: Record<string, string> = {
  "@cf/baai/bge-small-en-v1.5": "transformers:Xenova/bge-small-en-v1.5:fp32:cls",
  "@cf/baai/bge-base-en-v1.5": "transformers:Xenova/bge-base-en-v1.5:fp32:cls",
};

/** How deep Vectorize answers a query (its topK limit with values and metadata left out). */
const VECTORIZE_TOP_K = 50;

type QueryEmbedder = Pick<DenseIndex, "embedderId" | "embedQuery" | "embedDocuments">;

/** Nearest paragraphs from Vectorize (loaded by npm run deploy:vectors). */
function vectorizeSearch(vectorize: NonNullable<WorkerEnv["VECTORIZE"]>): DenseIndex["search"] {
  return async (vector, k) =>
    (await vectorize.query(vector, { topK: Math.min(k, VECTORIZE_TOP_K) })).matches.map((m) => ({ label: Number(m.id), similarity: m.score }));
}

/**
 * Nearest paragraphs by cosine over every bundled vector: exact, and for a corpus small enough to
 * bundle (see scripts/build-worker.ts) faster than any index. The vectors are unit length (as
 * hnswlib stored them), so the cosine is the dot product with the unit query.
 */
export function exhaustiveSearch(vectors: Float32Array, dims: number): DenseIndex["search"] {
  const count = vectors.length / dims;
  return async (vector, k) => {
    let norm = 0;
    for (const x of vector) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const scored: { label: number; similarity: number }[] = [];
    for (let label = 0; label < count; label++) {
      let dot = 0;
      for (let d = 0, at = label * dims; d < dims; d++, at++) dot += vector[d]! * vectors[at]!;
      scored.push({ label, similarity: dot / norm });
    }
    return scored.sort((a, b) => b.similarity - a.similarity || a.label - b.label).slice(0, k);
  };
}

/**
 * Dense retrieval on the edge, as on Node: the word-vector embedder runs in the Worker itself
 * (its vectors are in the bundle and the static assets), over the bundled paragraph vectors or,
 * for a corpus too large to bundle, Vectorize. A transformer-built index needs Workers AI for
 * its query vectors and Vectorize. Null when neither applies: the Worker answers from BM25.
 */
export function edgeDense(env: WorkerEnv, indexEmbedderId: string, local?: { embedder: QueryEmbedder; vectors?: Float32Array; dims: number }): DenseIndex | null {
  if (local && local.embedder.embedderId === indexEmbedderId) {
    if (local.vectors) return { ...local.embedder, method: "exhaustive", search: exhaustiveSearch(local.vectors, local.dims) };
    if (env.VECTORIZE) return { ...local.embedder, method: "vectorize", search: vectorizeSearch(env.VECTORIZE) };
    return null;
  }
  const model = env.WORKERS_AI_MODEL ?? "@cf/baai/bge-small-en-v1.5";
  if (!env.AI || !env.VECTORIZE || WORKERS_AI_MATCHES[model] !== indexEmbedderId) return null;
  const { AI } = env;
  const embed = async (texts: string[]) => (await AI.run(model, { text: texts })).data;
  return {
    embedderId: indexEmbedderId,
    method: "vectorize",
    embedQuery: async (text) => (await embed([text]))[0]!,
    embedDocuments: (texts) => (texts.length ? embed(texts) : Promise.resolve([])),
    search: vectorizeSearch(env.VECTORIZE),
  };
}
