import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Document } from "@langchain/core/documents";
import type { Config } from "../config.js";
import { type Embedder, embedderForIndex } from "../embeddings/embedder.js";
import type { LexiconData } from "../retrieval/lexicon.js";
import { type CorpusIndex, type DenseIndex, type IndexedParagraph, type StoredParagraph, groupByFile } from "./corpus.js";
import { IndexCorpusMismatchError, sameFolder } from "./corpus-identity.js";
import { IndexDamagedError, IndexMissingError, buildDir, currentBuildName, readManifest, verifyStoreFiles } from "./layout.js";

export type { CorpusIndex, IndexedParagraph, StoredParagraph } from "./corpus.js";

/** Query-time breadth of the HNSW search: recall over speed, still well under a millisecond here. */
const HNSW_EF = 128;

export function paragraphsOf(store: HNSWLib, count: number): IndexedParagraph[] {
  const paragraphs: IndexedParagraph[] = [];
  for (let label = 0; label < count; label++) {
    const doc = store.docstore.search(String(label)) as Document | string;
    if (typeof doc === "string") throw new IndexDamagedError(`docstore has no paragraph for vector ${label}`);
    paragraphs.push({ ...(doc.metadata as StoredParagraph), text: doc.pageContent });
  }
  return paragraphs;
}

async function loadBuild(dir: string, name: string, config: Config, embedder?: Embedder): Promise<CorpusIndex> {
  const manifest = await readManifest(dir);
  await verifyStoreFiles(dir, manifest);
  const queryEmbedder = embedder ?? (await embedderForIndex(manifest.embedder.id, config));
  const store = await HNSWLib.load(dir, queryEmbedder);
  const count = store.index.getCurrentCount();
  if (count !== manifest.paragraphs) {
    throw new IndexDamagedError(`${dir} holds ${count} vectors but its manifest lists ${manifest.paragraphs} paragraphs`);
  }
  store.index.setEf(HNSW_EF);
  const paragraphs = paragraphsOf(store, count);
  const graph = store.index;
  // Serving reads paragraphs from the array above; the docstore's Documents would be a second copy.
  store.docstore = new SynchronousInMemoryDocstore();
  const dense: DenseIndex = {
    embedderId: queryEmbedder.id,
    embedQuery: (text) => queryEmbedder.embedQuery(text),
    embedDocuments: (texts) => queryEmbedder.embedDocuments(texts),
    search: async (vector, k) => {
      const found = graph.searchKnn(vector, Math.min(k, count));
      return found.neighbors.map((label, i) => ({ label, similarity: 1 - found.distances[i]! }));
    },
  };
  const lexicon = JSON.parse(await readFile(join(dir, "lexicon.json"), "utf8")) as LexiconData;
  const titles = Object.fromEntries(Object.entries(manifest.files).flatMap(([file, entry]) => (entry.title ? [[file, entry.title]] : [])));
  return { name, manifest, paragraphs, byFile: groupByFile(paragraphs), lexicon, dense, titles };
}

export interface LoadOptions {
  /** Serve the index only if it was built from this corpus folder (IndexCorpusMismatchError otherwise). */
  corpusDir?: string;
}

/** Loads the live build of an index folder, refusing a missing or damaged one with what to run. */
export async function loadIndex(config: Config, embedder?: Embedder, options: LoadOptions = {}): Promise<CorpusIndex> {
  const name = await currentBuildName(config.indexDir);
  if (!name) {
    const exists = await stat(config.indexDir).then(
      () => true,
      () => false,
    );
    throw new IndexMissingError(
      `${exists ? `No index in ${config.indexDir}` : `The index folder ${config.indexDir} does not exist`}. ` +
        `Build it: npm run ingest -- --dir <your documents' folder> --index ${config.indexDir}`,
    );
  }
  try {
    const index = await loadBuild(buildDir(config.indexDir, name), name, config, embedder);
    const builtFrom = index.manifest.corpus.dir;
    if (options.corpusDir && !(await sameFolder(builtFrom, options.corpusDir))) {
      throw new IndexCorpusMismatchError(config.indexDir, builtFrom, options.corpusDir, "serve");
    }
    return index;
  } catch (err) {
    if (err instanceof IndexDamagedError) {
      throw new IndexDamagedError(`${err.message}. Rebuild it: npm run ingest -- --force`);
    }
    throw err;
  }
}
