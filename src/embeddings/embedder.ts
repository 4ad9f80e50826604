import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config.js";
import { loadWordVectorTable, wordVectorVersion } from "./word-vector-table.js";
import { WordVectorEmbeddings } from "./word-vectors.js";

/** LangChain's embeddings interface plus what an index must record to be queried consistently. */
export interface Embedder extends EmbeddingsInterface {
  readonly id: string;
  readonly dims: number;
}

export type EmbedderChoice = "auto" | "transformers" | "wordvectors";

export class EmbedderMismatchError extends Error {}

export async function loadWordVectorEmbedder(config: Pick<Config, "cacheDir">): Promise<Embedder> {
  return new WordVectorEmbeddings(await loadWordVectorTable(config.cacheDir), wordVectorVersion());
}

/** Imported only when wanted: transformers.js takes ~0.7 s to import, a third of a cold start. */
async function transformers(config: Config, model = config.embeddingModel): Promise<Embedder> {
  const { loadTransformerEmbedder } = await import("./transformers.js");
  return loadTransformerEmbedder({ model, modelsDir: config.modelsDir, dtype: config.embeddingDtype });
}

/** The embedder to build a new index with: `auto` prefers the transformer and falls back. */
export async function createEmbedder(config: Config, log: (line: string) => void = () => {}): Promise<Embedder> {
  if (config.embedder === "wordvectors") return loadWordVectorEmbedder(config);
  if (config.embedder === "transformers") {
    try {
      return await transformers(config);
    } catch (err) {
      // "fetch failed" alone told a user without network nothing of what to do.
      throw new Error(
        `EMBEDDER=transformers: the model ${config.embeddingModel} could not be loaded (${firstLine(err)}). It is downloaded from ` +
          `Hugging Face on first use, or read from MODELS_DIR; without either, set EMBEDDER=wordvectors (or auto).`,
      );
    }
  }
  try {
    const embedder = await transformers(config);
    log(`embedder: ${embedder.id} (transformers.js)`);
    return embedder;
  } catch (err) {
    log(`embedder: transformers.js model ${config.embeddingModel} unavailable (${firstLine(err)}); using word vectors`);
    return loadWordVectorEmbedder(config);
  }
}

/**
 * The embedder to query an existing index with: whatever built it. An explicit EMBEDDER of the
 * other kind is refused, because vectors from two models cannot be compared.
 */
export async function embedderForIndex(indexEmbedderId: string, config: Config): Promise<Embedder> {
  const kind = indexEmbedderId.split(":")[0];
  if (config.embedder !== "auto" && config.embedder !== kind) {
    throw new EmbedderMismatchError(
      `The index was built with ${indexEmbedderId}, but EMBEDDER=${config.embedder}. ` +
        `Re-ingest with this embedder (npm run ingest -- --force) or unset EMBEDDER.`,
    );
  }
  const embedder =
    kind === "transformers" ? await transformers(config, indexEmbedderId.split(":")[1]) : await loadWordVectorEmbedder(config);
  if (embedder.id !== indexEmbedderId) {
    throw new EmbedderMismatchError(
      `The index was built with ${indexEmbedderId}, but this setup embeds with ${embedder.id}. Re-ingest: npm run ingest -- --force`,
    );
  }
  return embedder;
}

export function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split("\n")[0]!.slice(0, 200);
}
