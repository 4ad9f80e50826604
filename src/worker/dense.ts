import type { DenseIndex } from "../index-store/corpus.js";
import type { WorkerEnv } from "./bindings.js";

/** Workers AI models that embed exactly as an ingest embedder does (same weights, same pooling). */
const WORKERS_AI_MATCHES: Record<string, string> = {
  "@cf/baai/bge-small-en-v1.5": "transformers:Xenova/bge-small-en-v1.5:fp32:cls",
  "@cf/baai/bge-base-en-v1.5": "transformers:Xenova/bge-base-en-v1.5:fp32:cls",
};

/**
 * Dense retrieval on the edge: query vectors from Workers AI, nearest paragraphs from Vectorize
 * (loaded by npm run deploy:vectors). Only when both bindings exist and the model matches the
 * index's embedder; otherwise null, and the Worker answers from lexical retrieval alone.
 */
export function vectorizeDense(env: WorkerEnv, indexEmbedderId: string): DenseIndex | null {
  const model = env.WORKERS_AI_MODEL ?? "@cf/baai/bge-small-en-v1.5";
  if (!env.AI || !env.VECTORIZE || WORKERS_AI_MATCHES[model] !== indexEmbedderId) return null;
  const { AI, VECTORIZE } = env;
  const embed = async (texts: string[]) => (await AI.run(model, { text: texts })).data;
  return {
    embedderId: indexEmbedderId,
    embedQuery: async (text) => (await embed([text]))[0]!,
    embedDocuments: (texts) => (texts.length ? embed(texts) : Promise.resolve([])),
    search: async (vector, k) => (await VECTORIZE.query(vector, { topK: Math.min(k, 50) })).matches.map((m) => ({ label: Number(m.id), similarity: m.score })),
  };
}
