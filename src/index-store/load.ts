import { stat } from "node:fs/promises";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import { type Config, defaultIndexDir } from "../config.js";
import { type Embedder, embedderForIndex } from "../embeddings/embedder.js";
import type { LexiconData } from "../retrieval/lexicon.js";
import type { CorpusIndex, DenseIndex } from "./corpus.js";
import { IndexCorpusMismatchError, sameFolder } from "./corpus-identity.js";
import { IndexDamagedError, IndexMissingError, buildDir, currentBuildName, readManifest } from "./layout.js";
import { readParagraphsLazily } from "./lazy-paragraphs.js";
import { BM25_FILE, PARAGRAPHS_FILE, SHAPES_FILE, readBm25, readShapes } from "./serving-files.js";
import { checkStoreFile, readStoreFile } from "./verified-read.js";

export type { CorpusIndex, IndexedParagraph, StoredParagraph } from "./corpus.js";

/** Query-time breadth of the HNSW search: recall over speed, still well under a millisecond here. */
const HNSW_EF = 128;

/**
 * Loads a build for serving without holding the event loop: every file the server reads is
 * checked against the manifest as it is read, a piece at a time (verified-read.ts), and nothing
 * read is used unless it checks out; the HNSW graph is read by hnswlib off the main thread once
 * its file has checked out; paragraphs and BM25 postings stay in their files until a question
 * asks for them (lazy-paragraphs.ts, serving-files.ts); their shapes are read whole.
 */
async function loadBuild(dir: string, name: string, config: Config, embedder?: Embedder): Promise<CorpusIndex> {
  const manifest = await readManifest(dir);
  // The graph is checked and read (by native code, off the main thread) while the rest is
  // checked and parsed.
  const graph = (async () => {
    const args = JSON.parse((await readStoreFile(dir, "args.json", manifest)).toString("utf8")) as { space: hnswlib.SpaceName; numDimensions: number };
    await checkStoreFile(dir, "hnswlib.index", manifest);
    const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
    await index.readIndex(join(dir, "hnswlib.index"));
    return index;
  })();
  // A failure is reported where this is awaited below; this only keeps it from being "unhandled".
  graph.catch(() => {});
  const [{ paragraphs, byFile }, lexical, shapes, lexicon] = await Promise.all([
    readParagraphsLazily(join(dir, PARAGRAPHS_FILE), manifest),
    readBm25(join(dir, BM25_FILE), manifest),
    readShapes(join(dir, SHAPES_FILE), manifest),
    readStoreFile(dir, "lexicon.json", manifest).then((bytes) => JSON.parse(bytes.toString("utf8")) as LexiconData),
  ]);
  const queryEmbedder = embedder ?? (await embedderForIndex(manifest.embedder.id, config));
  const hnsw = await graph;
  const count = hnsw.getCurrentCount();
  if (count !== manifest.paragraphs || paragraphs.length !== count) {
    throw new IndexDamagedError(`${dir} holds ${count} vectors and ${paragraphs.length} paragraphs but its manifest lists ${manifest.paragraphs}`);
  }
  hnsw.setEf(HNSW_EF);
  let released = false;
  const dense: DenseIndex = {
    embedderId: queryEmbedder.id,
    method: "hnsw",
    embedQuery: (text) => queryEmbedder.embedQuery(text),
    embedDocuments: (texts) => queryEmbedder.embedDocuments(texts),
    search: async (vector, k) => {
      if (released) throw new Error(`build ${name} was searched after its graph was released`);
      const found = hnsw.searchKnn(vector, Math.min(k, count));
      return found.neighbors.map((label, i) => ({ label, similarity: 1 - found.distances[i]! }));
    },
  };
  if (lexical.size !== count) throw new IndexDamagedError(`${dir}: BM25 covers ${lexical.size} paragraphs, not ${count}`);
  if (shapes.size !== count) throw new IndexDamagedError(`${dir}: ${SHAPES_FILE} covers ${shapes.size} paragraphs, not ${count}`);
  const titles = Object.fromEntries(Object.entries(manifest.files).flatMap(([file, entry]) => (entry.title ? [[file, entry.title]] : [])));
  // hnswlib-node cannot free a graph but through its wrapper's destructor; initIndex replaces
  // the graph it holds (54 MB of vectors and links at 100k paragraphs) with an empty one at once.
  const release = () => {
    if (released) return;
    released = true;
    hnsw.initIndex(1);
  };
  return { name, manifest, paragraphs, byFile, lexicon, dense, lexical, shapes, titles, release };
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
    // The documents' folder given where its index was meant (--index ~/docs, the folder start-up
    // named being index/corpora/docs-…): building an index into it is refused, so point at its own.
    const ownIndex = exists ? defaultIndexDir(config.indexDir) : null;
    if (ownIndex && !(await sameFolder(ownIndex, config.indexDir)) && (await currentBuildName(ownIndex))) {
      throw new IndexMissingError(
        `No index in ${config.indexDir}: it is a documents' folder, whose index is ${ownIndex}. Ask that one: npm run ask -- --index ${ownIndex} "…"`,
      );
    }
    throw new IndexMissingError(
      `${exists ? `No index in ${config.indexDir}` : `The index folder ${config.indexDir} does not exist`}. ` +
        `Build it: npm run ingest -- --dir <your documents' folder> --index ${config.indexDir}`,
    );
  }
  try {
    const index = await loadBuild(buildDir(config.indexDir, name), name, config, embedder);
    // After the build's own checks, so a damaged index is reported as damaged whoever asks for it.
    const builtFrom = index.manifest.corpus.dir;
    if (options.corpusDir && !(await sameFolder(builtFrom, options.corpusDir))) {
      const wantedsDefault = await sameFolder(config.indexDir, defaultIndexDir(options.corpusDir));
      throw new IndexCorpusMismatchError(config.indexDir, builtFrom, options.corpusDir, "serve", wantedsDefault);
    }
    return index;
  } catch (err) {
    if (err instanceof IndexDamagedError) {
      throw new IndexDamagedError(`${err.message}. Rebuild it: npm run ingest -- --force`);
    }
    throw err;
  }
}
