import { Answerer } from "./answer/answer.js";
import type { Config } from "./config.js";
import { WordSimilarity } from "./embeddings/word-similarity.js";
import { loadWordVectorTable } from "./embeddings/word-vector-table.js";
import { type LoadOptions, loadIndex } from "./index-store/load.js";
import { type AskService, serviceFor } from "./service.js";

/** Loads the live index and the word vectors answer selection uses, whatever the embedder. */
export async function openService(config: Config, options: LoadOptions = {}): Promise<AskService> {
  // The word vectors load while the index does.
  const [index, table] = await Promise.all([loadIndex(config, undefined, options), loadWordVectorTable(config.cacheDir)]);
  const words = new WordSimilarity(table);
  return serviceFor(index, new Answerer(index, words));
}
