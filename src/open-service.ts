import { Answerer, type WordKnowledge } from "./answer/answer.js";
import { memoizedEntities } from "./answer/entities.js";
import type { LlmConfig } from "./answer/llm/config.js";
import type { LlmAnswerer } from "./answer/llm/llm-answerer.js";
import type { AnswerModel } from "./answer/model.js";
import { shippedAnswerModel } from "./answer/shipped-model.js";
import type { Config } from "./config.js";
import { WordSimilarity } from "./embeddings/word-similarity.js";
import { loadWordVectorTable, wordVectorVersion } from "./embeddings/word-vector-table.js";
import { WordVectorEmbeddings } from "./embeddings/word-vectors.js";
import { type CorpusIndex, type LoadOptions, loadIndex } from "./index-store/load.js";
import { type AskService, serviceFor } from "./service.js";

/**
 * Word knowledge by cache folder: it does not depend on the index, so every service of a process
 * shares one (and its caches), and a live swap neither rebuilds nor duplicates it.
 */
const wordKnowledge = new Map<string, Promise<WordKnowledge>>();

/** The word vectors answering reads, whichever embedder built the index (one calibration for all). */
export function loadWordKnowledge(config: Pick<Config, "cacheDir">): Promise<WordKnowledge> {
  let words = wordKnowledge.get(config.cacheDir);
  if (!words) {
    words = readWordKnowledge(config.cacheDir);
    wordKnowledge.set(config.cacheDir, words);
    words.catch(() => wordKnowledge.delete(config.cacheDir)); // a failed load is tried again next time
  }
  return words;
}

async function readWordKnowledge(cacheDir: string): Promise<WordKnowledge> {
  const table = await loadWordVectorTable(cacheDir);
  const similarity = new WordSimilarity(table);
  const sentences = new WordVectorEmbeddings(table, wordVectorVersion());
  return {
    similarity: (a, b) => similarity.similarity(a, b),
    isCommonWord: (w) => similarity.isCommonWord(w),
    sentenceVector: (text) => sentences.embed(text),
  };
}

/** An answerer over a loaded index; the shipped model unless another is given (evaluation folds). */
export async function openAnswerer(config: Config, model: AnswerModel = shippedAnswerModel, index?: CorpusIndex): Promise<Answerer> {
  return new Answerer(index ?? (await loadIndex(config)), await loadWordKnowledge(config), model);
}

/**
 * Paragraphs' entities (answer/entities.ts) depend on their text alone, so the services of one
 * process share one bounded memo: after a swap the new build's unchanged paragraphs are not read
 * again, and two builds never hold two memos.
 */
const sharedEntities = memoizedEntities();

/** Loads the live index and the word vectors answer selection uses, whatever the embedder. */
export async function openService(config: Config, options: LoadOptions = {}): Promise<AskService> {
  // The word vectors load while the index does.
  const [index, words] = await Promise.all([loadIndex(config, undefined, options), loadWordKnowledge(config)]);
  const answerer = new Answerer(index, words, shippedAnswerModel, sharedEntities);
  return serviceFor(index, answerer, config.llm && (await llmAnswererFor(config.llm, answerer)));
}

/** LangChain (~0.3 s to import) is loaded only when a model is configured. */
async function llmAnswererFor(llm: LlmConfig, answerer: Answerer): Promise<LlmAnswerer> {
  const [{ openAiCompatibleModel }, { LlmAnswerer }] = await Promise.all([import("./answer/llm/openai-compatible.js"), import("./answer/llm/llm-answerer.js")]);
  return new LlmAnswerer(answerer, openAiCompatibleModel(llm));
}
