import { buildIndex } from "../../ingest/build-index.js";
import type { Answerer } from "../../src/answer/answer.js";
import type { AnswerModel } from "../../src/answer/model.js";
import { shippedAnswerModel } from "../../src/answer/shipped-model.js";
import { loadConfig } from "../../src/config.js";
import { loadWordVectorEmbedder } from "../../src/embeddings/embedder.js";
import { openAnswerer } from "../../src/open-service.js";
import { scratchDir } from "./scratch-dir.js";

/**
 * Ingests a folder into a fresh temporary index, removed when the script exits, with the offline
 * word-vector embedder (what every machine has, and deterministic, so training reproduces byte for
 * byte) and opens an answerer on it.
 */
export async function openCorpus(corpusDir: string, model: AnswerModel = shippedAnswerModel): Promise<Answerer> {
  const indexDir = await scratchDir("cited-answers-train");
  const config = { ...loadConfig({ ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir }), embedder: "wordvectors" as const };
  await buildIndex({ corpusDir, indexDir, embedder: await loadWordVectorEmbedder(config) });
  return openAnswerer(config, model);
}
