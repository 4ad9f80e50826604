import { Answerer } from "./answer/answer.js";
import type { Config } from "./config.js";
import { WordSimilarity } from "./embeddings/word-similarity.js";
import { loadWordVectorTable } from "./embeddings/word-vector-table.js";
import { type LoadOptions, loadIndex } from "./index-store/load.js";
import { type AskService, serviceFor } from "./service.js";

/** Loads the live index and the word vectors answer selection uses, whatever the embedder. */
export async function openService(config: Config, options: LoadOptions = {}): Promise<AskService> {
  const index = await loadIndex(config, undefined, options);
  const words = new WordSimilarity(await loadWordVectorTable(config.cacheDir));
  return serviceFor(index, new Answerer(index, words));
}
