import { rm } from "node:fs/promises";
import { buildIndex } from "../../ingest/build-index.js";
import { loadConfig } from "../../src/config.js";
import { loadWordVectorEmbedder } from "../../src/embeddings/embedder.js";
import { SEED_INDEX } from "./seed-index.js";

/** Builds the real index from seeds/ once, from scratch, for every test file to read. */
export default async function setup(): Promise<void> {
  await rm(SEED_INDEX, { recursive: true, force: true });
  const config = loadConfig({});
  await buildIndex({ corpusDir: config.corpusDir, indexDir: SEED_INDEX, embedder: await loadWordVectorEmbedder(config) });
}
