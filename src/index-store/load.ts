import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { HierarchicalNSW } from "hnswlib-node";
import type { Document } from "@langchain/core/documents";
import type { Config } from "../config.js";
import { type Embedder, embedderForIndex } from "../embeddings/embedder.js";
import type { LexiconData } from "../retrieval/lexicon.js";
import type { ParagraphKind } from "../text/paragraph-kind.js";
import type { Paragraph } from "../types.js";
import { IndexDamagedError, IndexMissingError, type Manifest, buildDir, currentBuildName, readManifest, verifyStoreFiles } from "./layout.js";

/** A paragraph as stored in the index's docstore (the Document's metadata). */
export interface IndexedParagraph extends Paragraph {
  kind: ParagraphKind;
  /** Neighbouring text it was embedded with (see ingest/chunks.ts). */
  context: string;
  chunkHash: string;
}

/** What the docstore holds per paragraph as metadata; its text is the Document's pageContent. */
export type StoredParagraph = Omit<IndexedParagraph, "text">;

export interface CorpusIndex {
  name: string;
  manifest: Manifest;
  embedder: Embedder;
  /** The HNSW graph; labels are positions in `paragraphs`. */
  vectors: HierarchicalNSW;
  /** Indexed by the HNSW label. */
  paragraphs: IndexedParagraph[];
  byFile: Map<string, IndexedParagraph[]>;
  /** Acronyms and word counts learnt at ingest. */
  lexicon: LexiconData;
}

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

export async function loadBuild(dir: string, name: string, config: Config, embedder?: Embedder): Promise<CorpusIndex> {
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
  const vectors = store.index;
  // Serving reads paragraphs from the array above; the docstore's Documents would be a second copy.
  store.docstore = new SynchronousInMemoryDocstore();
  const byFile = new Map<string, IndexedParagraph[]>();
  for (const p of paragraphs) {
    const list = byFile.get(p.file) ?? [];
    list[p.n - 1] = p;
    byFile.set(p.file, list);
  }
  const lexicon = JSON.parse(await readFile(join(dir, "lexicon.json"), "utf8")) as LexiconData;
  return { name, manifest, embedder: queryEmbedder, vectors, paragraphs, byFile, lexicon };
}

/** Loads the live build of an index folder, refusing a missing or damaged one with what to run. */
export async function loadIndex(config: Config, embedder?: Embedder): Promise<CorpusIndex> {
  const name = await currentBuildName(config.indexDir);
  if (!name) throw new IndexMissingError(`No index in ${config.indexDir}. Build it: npm run ingest`);
  try {
    return await loadBuild(buildDir(config.indexDir, name), name, config, embedder);
  } catch (err) {
    if (err instanceof IndexDamagedError) {
      throw new IndexDamagedError(`${err.message}. Rebuild it: npm run ingest -- --force`);
    }
    throw err;
  }
}
