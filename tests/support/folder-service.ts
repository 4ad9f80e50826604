import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { buildIndex } from "../../ingest/build-index.js";
import { loadWordVectorEmbedder } from "../../src/embeddings/embedder.js";
import { openService } from "../../src/open-service.js";
import type { AskService } from "../../src/service.js";
import { seedConfig } from "./seed-index.js";
import { tempDir } from "./temp.js";

/**
 * A service over a folder of the given documents (path → content), indexed as `npm run ingest`
 * indexes one, with the offline word vectors; both folders are removed after the test file.
 */
export async function serviceOverFiles(name: string, files: Record<string, string | Uint8Array>): Promise<AskService> {
  const work = await tempDir(name);
  const corpus = join(work, "corpus");
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(corpus, path)), { recursive: true });
    await writeFile(join(corpus, path), content);
  }
  const config = seedConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index") });
  await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
  return openService(config);
}
