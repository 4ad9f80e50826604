import type { WordKnowledge } from "../answer/answer.js";
import { WordSimilarity } from "../embeddings/word-similarity.js";
import { GrowingWordTable, SHARDS, lookUpWords } from "../embeddings/word-vector-shards.js";
import { WordVectorEmbeddings } from "../embeddings/word-vectors.js";
import type { AssetsBinding } from "./bindings.js";

/** The bundle's word vectors as modules.d.ts describes them. */
export interface BundledWords {
  version: string;
  dims: number;
  size: number;
  shards: number;
  bundled: { words: string[]; ranks: string; scales: string; values: string };
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A typed array over decoded base64 (copied into a buffer of its own, so it is aligned). */
export function decodeArray<T>(base64: string, make: (buffer: ArrayBuffer) => T): T {
  return make(bytesOf(base64).slice().buffer);
}

/** Reads a word-vector shard from the static assets (the host name is ignored by the binding). */
function assetShards(assets: AssetsBinding): (n: number) => Promise<Uint8Array> {
  return async (n) => {
    const response = await assets.fetch(`https://assets.invalid/words/${n}.bin`);
    if (!response.ok) throw new Error(`word-vector shard ${n}: HTTP ${response.status} (did npm run build:worker run?)`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/**
 * The same word knowledge as Node's (open-service.ts loadWordKnowledge): word similarity, common
 * words and SIF sentence vectors from the same int8 table. The corpus's words and the most
 * frequent English ones come with the bundle; a question's other words are read from the
 * shards before it is answered. Without the
 * assets binding the question's other words count as unknown, as they would for a word
 * missing from the vocabulary.
 */
export function edgeWords(bundled: BundledWords, assets: AssetsBinding | undefined) {
  if (bundled.shards !== SHARDS) throw new Error(`index/worker holds ${bundled.shards} word-vector shards, this code reads ${SHARDS}: run npm run build:worker`);
  const { words, ranks, scales, values } = bundled.bundled;
  const table = new GrowingWordTable(
    {
      words,
      ranks: decodeArray(ranks, (b) => new Int32Array(b)),
      scales: decodeArray(scales, (b) => new Float32Array(b)),
      values: decodeArray(values, (b) => new Int8Array(b)),
    },
    bundled.dims,
    bundled.size,
  );
  const similarity = new WordSimilarity(table);
  const sentences = new WordVectorEmbeddings(table, bundled.version);
  const readShard = assets ? assetShards(assets) : undefined;
  const knowledge: WordKnowledge = {
    similarity: (a, b) => similarity.similarity(a, b),
    isCommonWord: (w) => similarity.isCommonWord(w),
    sentenceVector: (text) => sentences.embed(text),
    prepare: async (question) => {
      if (readShard) await lookUpWords(table, question, readShard);
    },
  };
  // The query embedder of dense retrieval (the question's words are prepared before it runs).
  const embedder = {
    embedderId: sentences.id,
    embedQuery: async (text: string) => sentences.embed(text),
    embedDocuments: async (texts: string[]) => texts.map((t) => sentences.embed(t)),
  };
  return { knowledge, embedder };
}
