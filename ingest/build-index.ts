import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Document } from "@langchain/core/documents";
import hnswlib from "hnswlib-node";
import lockfile from "proper-lockfile";
import { defaultIndexDir } from "../src/config.js";
import type { Embedder } from "../src/embeddings/embedder.js";
import {
  FORMAT_VERSION,
  type Manifest,
  buildDir,
  buildsDir,
  currentBuildName,
  describeStoreFiles,
  readManifest,
  readManifestAnyFormat,
  setCurrentBuild,
} from "../src/index-store/layout.js";
import { IndexCorpusMismatchError, IndexFolderError, NoDocumentsError, sameFolder } from "../src/index-store/corpus-identity.js";
import type { StoredParagraph } from "../src/index-store/load.js";
import { ParagraphShapesBuilder } from "../src/index-store/paragraph-shapes.js";
import { BM25_FILE, PARAGRAPHS_FILE, SHAPES_FILE, readParagraphs, writeBm25, writeParagraphs, writeShapes } from "../src/index-store/serving-files.js";
import { Bm25Builder } from "../src/retrieval/bm25.js";
import { paragraphTerms } from "../src/retrieval/hybrid.js";
import { learnLexicon } from "../src/retrieval/lexicon.js";
import { type Chunk, buildChunks } from "./chunks.js";
import { ingestBusy, ingestLockOptions } from "./lock.js";
import { type SkippedFile, listTextFiles, listingDigest, unchangedCorpus } from "./listing.js";
import { readCorpus } from "./read-corpus.js";

export { IngestBusyError } from "./errors.js";
export { unchangedCorpus } from "./listing.js";

export interface IngestSummary {
  files: number;
  paragraphs: number;
  embedded: number;
  reused: number;
  removed: number;
  skipped: { file: string; reason: string }[];
  embedder: string;
  build: string;
}

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  embedder: Embedder;
  /** Ignore the previous build: embed everything again. */
  force?: boolean;
  /** Replace an index built from another corpus (refused otherwise: IndexCorpusMismatchError). */
  replace?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Files read so far out of those listed (0 first): the reading before any embedding. */
  onRead?: (done: number, total: number) => void;
  /** Where to say what the ingest decided that a user should know (an old index rebuilt). */
  log?: (line: string) => void;
  /** Longest one file's parse may run before the file is skipped (PARSE_TIMEOUT_MS). */
  parseTimeoutMs?: number;
}

const EMBED_BATCH = 64;

/** Vectors of the previous build, by the hash of the text they embed. */
interface PreviousBuild {
  vectors: Map<string, number[]>;
  /** file + chunk hash of every paragraph, in label order. */
  chunkKeys: string[];
}

const chunkKey = (file: string, hash: string) => `${file}\0${hash}`;

async function readPrevious(indexDir: string, embedder: Embedder): Promise<PreviousBuild | null> {
  const name = await currentBuildName(indexDir);
  if (!name) return null;
  try {
    const dir = buildDir(indexDir, name);
    const manifest = await readManifest(dir);
    if (manifest.embedder.id !== embedder.id) return null;
    const graph = new hnswlib.HierarchicalNSW("cosine", embedder.dims);
    await graph.readIndex(join(dir, "hnswlib.index"));
    const vectors = new Map<string, number[]>();
    const chunkKeys: string[] = [];
    (await readParagraphs(join(dir, PARAGRAPHS_FILE))).forEach((p, label) => {
      vectors.set(p.chunkHash, graph.getPoint(label));
      chunkKeys.push(chunkKey(p.file, p.chunkHash));
    });
    return { vectors, chunkKeys };
  } catch {
    return null; // a damaged previous build is simply not reused
  }
}

/**
 * Covers where each paragraph is as well as what it says: a PDF paragraph that moves to another
 * page (or a line that moves down a file) keeps its text, yet the build must record its new place.
 */
function chunksDigest(chunks: Chunk[]): string {
  const hash = createHash("sha256");
  for (const c of chunks) {
    const p = c.paragraph;
    hash.update(`${chunkKey(p.file, c.hash)}\t${p.line}\t${p.endLine}\t${p.start}\t${p.end}\t${p.page ?? ""}\t${p.pageParagraph ?? ""}\n`);
  }
  return hash.digest("hex");
}

/** The live build's manifest when it already holds exactly these chunks, embedded alike: nothing to do. */
async function unchangedBuild(indexDir: string, digest: string, embedder: Embedder): Promise<string | null> {
  const name = await currentBuildName(indexDir);
  if (!name) return null;
  const manifest = await readManifest(buildDir(indexDir, name)).catch(() => null);
  return manifest?.embedder.id === embedder.id && manifest.chunksDigest === digest ? name : null;
}

/**
 * Files touched but not changed: the live build records the new listing (and what was skipped this
 * time, which a retried file may have changed), so the next start skips re-reading.
 */
async function rememberListing(indexDir: string, name: string, listing: string, skipped: SkippedFile[]): Promise<void> {
  const dir = buildDir(indexDir, name);
  const manifest = await readManifest(dir);
  if (manifest.listingDigest === listing && JSON.stringify(manifest.skipped) === JSON.stringify(skipped)) return;
  const temp = join(dir, `manifest.json.${process.pid}.tmp`);
  await writeFile(temp, JSON.stringify({ ...manifest, listingDigest: listing, skipped }, null, 1));
  await rename(temp, join(dir, "manifest.json"));
}

/** The docstore keeps the paragraph's own text as pageContent and the rest as metadata (no copy twice). */
function toDocument(DocumentClass: typeof Document, chunk: Chunk): Document<StoredParagraph> {
  const { text, ...paragraph } = chunk.paragraph;
  return new DocumentClass({
    pageContent: text,
    metadata: { ...paragraph, kind: chunk.kind, context: chunk.context, chunkHash: chunk.hash },
  });
}

/**
 * hnswlib's defaults (M 16, efConstruction 200) spend twice the build time of efConstruction
 * 100 for no recall we can measure at query ef 128; LangChain's store does not expose them, so
 * the graph is built here and handed to the store, which still saves and loads it.
 */
const HNSW_M = 16;
const HNSW_EF_CONSTRUCTION = 100;

async function vectorStore(embedder: Embedder, vectors: number[][], chunks: Chunk[]): Promise<HNSWLib> {
  // Imported when a build is written, not on every start: LangChain takes ~1 s to import.
  const { HNSWLib } = await import("@langchain/community/vectorstores/hnswlib");
  const { Document } = await import("@langchain/core/documents");
  const store = new HNSWLib(embedder, { space: "cosine", numDimensions: embedder.dims });
  const index = new hnswlib.HierarchicalNSW("cosine", embedder.dims);
  index.initIndex(vectors.length, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
  const docs: Record<number, Document> = {};
  vectors.forEach((vector, label) => {
    index.addPoint(vector, label);
    docs[label] = toDocument(Document, chunks[label]!);
  });
  store._index = index;
  store.docstore.add(docs);
  return store;
}

async function embedMissing(chunks: Chunk[], previous: PreviousBuild | null, options: IngestOptions): Promise<number[][]> {
  const vectors: (number[] | undefined)[] = chunks.map((c) => previous?.vectors.get(c.hash));
  const missing = chunks.map((_, i) => i).filter((i) => vectors[i] === undefined);
  options.onProgress?.(0, missing.length);
  for (let at = 0; at < missing.length; at += EMBED_BATCH) {
    const batch = missing.slice(at, at + EMBED_BATCH);
    const embedded = await options.embedder.embedDocuments(batch.map((i) => chunks[i]!.text));
    batch.forEach((i, j) => (vectors[i] = embedded[j]));
    options.onProgress?.(Math.min(at + EMBED_BATCH, missing.length), missing.length);
  }
  return vectors as number[][];
}

function buildName(): string {
  return `${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "")}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A name buildName gave, finished or partial: the only entries of builds/ ingest may delete. */
const BUILD_NAME = /^\d{8}T\d{6}-\d+-[a-z0-9]{1,4}(?:\.partial)?$/;

/**
 * Deletes builds other than the live one and the one before it (a server may still be loading
 * it), and partial builds that a killed ingest left (safe: we hold the ingest lock). Anything
 * else in builds/ is not ours (an index folder given by mistake may hold a user's own builds/
 * folder) and is left alone.
 */
async function pruneBuilds(indexDir: string, keep: string[]): Promise<void> {
  const names = await readdir(buildsDir(indexDir)).catch(() => [] as string[]);
  for (const name of names) {
    if (keep.includes(name) || !BUILD_NAME.test(name)) continue;
    await rm(buildDir(indexDir, name), { recursive: true, force: true });
  }
}

/** One ingest at a time per index folder; a second one is refused, not queued. */
async function withIngestLock<T>(indexDir: string, run: () => Promise<T>): Promise<T> {
  await mkdir(indexDir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new IndexFolderError(`Cannot create the index folder ${indexDir} (${err.code ?? err.message}); choose another with --index or INDEX_DIR`);
  });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(indexDir, ingestLockOptions(indexDir));
  } catch (err) {
    // proper-lockfile says ELOCKED when another process holds the lock; anything else (EACCES,
    // EROFS) is a folder we may not write, which waiting would never mend.
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") throw ingestBusy(indexDir);
    throw new IndexFolderError(`Cannot write the index folder ${indexDir} (${(err as NodeJS.ErrnoException).code ?? String(err)}); choose another with --index or INDEX_DIR`);
  }
  try {
    return await run();
  } finally {
    await release().catch(() => {});
  }
}

/** Reads the corpus and makes it the live index, embedding only what changed. */
export async function buildIndex(options: IngestOptions): Promise<IngestSummary> {
  // Before the lock, which would write into it: the corpus folder is the user's, not ours.
  if (await sameFolder(options.corpusDir, options.indexDir)) {
    throw new IndexFolderError(`The index folder ${options.indexDir} is the corpus folder itself; give the index a folder of its own (--index or INDEX_DIR, or leave it unset)`);
  }
  return withIngestLock(options.indexDir, () => build(options));
}

/**
 * Refuses a corpus folder that is not there, and an index folder that holds another corpus's
 * index — of any format, so an older index is no more replaceable by mistake than a current one.
 * Returns the live build's manifest as written (null when there is none or it is unreadable).
 */
async function checkFolders(options: IngestOptions): Promise<Partial<Manifest> | null> {
  const { corpusDir, indexDir } = options;
  const info = await stat(corpusDir).catch(() => null);
  if (!info) throw new NoDocumentsError(`The corpus folder ${corpusDir} does not exist (set CORPUS_DIR, or --dir, to your documents' folder)`);
  if (!info.isDirectory()) throw new NoDocumentsError(`The corpus ${corpusDir} is a file, not a folder of documents`);
  const name = await currentBuildName(indexDir);
  const live = name ? await readManifestAnyFormat(buildDir(indexDir, name)).catch(() => null) : null;
  if (!options.replace && live?.corpus && !(await sameFolder(live.corpus.dir, corpusDir))) {
    throw new IndexCorpusMismatchError(indexDir, live.corpus.dir, corpusDir, "replace", await sameFolder(indexDir, defaultIndexDir(corpusDir)));
  }
  return live;
}

async function build(options: IngestOptions): Promise<IngestSummary> {
  const { corpusDir, indexDir, embedder } = options;
  const live = await checkFolders(options);
  if (live && live.formatVersion !== FORMAT_VERSION) {
    options.log?.(
      `index: ${indexDir} holds an index of format ${String(live.formatVersion)} and this version reads format ${FORMAT_VERSION}; ` +
        `rebuilding it from ${corpusDir} (every paragraph is embedded again, once)`,
    );
  }
  const listingSkipped: SkippedFile[] = [];
  const listed = await listTextFiles(corpusDir, listingSkipped);
  const listing = listingDigest(corpusDir, listed, listingSkipped);
  const untouched = options.force || options.replace ? null : await unchangedCorpus(corpusDir, indexDir, (id) => id === embedder.id);
  if (untouched) return untouched;
  const corpus = await readCorpus(corpusDir, listed, listingSkipped, { parseTimeoutMs: options.parseTimeoutMs, onFile: options.onRead });
  const chunks = corpus.files.flatMap((f) => buildChunks(f.paragraphs));
  const digest = chunksDigest(chunks);
  const summary = (embedded: number, removed: number, build: string): IngestSummary => ({
    files: corpus.files.length,
    paragraphs: chunks.length,
    embedded,
    reused: chunks.length - embedded,
    removed,
    skipped: corpus.skipped,
    embedder: embedder.id,
    build,
  });
  const same = options.force || options.replace ? null : await unchangedBuild(indexDir, digest, embedder);
  if (same) {
    await rememberListing(indexDir, same, listing, corpus.skipped);
    return summary(0, 0, same);
  }
  if (chunks.length === 0) throw NoDocumentsError.in(corpusDir, corpus.skipped);

  const liveName = await currentBuildName(indexDir);
  const previous = options.force ? null : await readPrevious(indexDir, embedder);
  const vectors = await embedMissing(chunks, previous, options);
  const embedded = chunks.filter((c) => !previous?.vectors.has(c.hash)).length;
  const newKeys = new Set(chunks.map((c) => chunkKey(c.paragraph.file, c.hash)));
  const removed = previous ? [...previous.chunkKeys].filter((k) => !newKeys.has(k)).length : 0;

  const name = buildName();
  const partial = buildDir(indexDir, `${name}.partial`);
  await mkdir(partial, { recursive: true });
  const store = await vectorStore(embedder, vectors, chunks);
  await store.save(partial);
  await writeFile(join(partial, "lexicon.json"), JSON.stringify(learnLexicon(chunks.map((c) => c.paragraph.text))));
  // One paragraph at a time: neither the copies nor their term counts are kept for all at once.
  const lexical = new Bm25Builder();
  const shapes = new ParagraphShapesBuilder();
  function* indexed() {
    for (const c of chunks) {
      const paragraph = { ...c.paragraph, kind: c.kind, context: c.context, chunkHash: c.hash };
      lexical.add(paragraphTerms(paragraph));
      shapes.add(paragraph);
      yield paragraph;
    }
  }
  await writeParagraphs(join(partial, PARAGRAPHS_FILE), indexed());
  await writeBm25(join(partial, BM25_FILE), lexical.build());
  await writeShapes(join(partial, SHAPES_FILE), shapes.build());
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    corpus: { dir: resolve(corpusDir), name: basename(resolve(corpusDir)) },
    embedder: { id: embedder.id, dims: embedder.dims },
    files: Object.fromEntries(
      corpus.files.map((f) => [f.file, { sha256: f.sha256, bytes: f.bytes, paragraphs: f.paragraphs.length, ...(f.title ? { title: f.title } : {}), ...(f.pages ? { pages: f.pages } : {}) }]),
    ),
    paragraphs: chunks.length,
    chunksDigest: digest,
    listingDigest: listing,
    skipped: corpus.skipped,
    store: await describeStoreFiles(partial),
  };
  await writeFile(join(partial, "manifest.json"), JSON.stringify(manifest, null, 1));
  // The two renames are what make the new build live; everything before them is invisible.
  await rename(partial, buildDir(indexDir, name));
  await setCurrentBuild(indexDir, name);
  await pruneBuilds(indexDir, [name, liveName ?? ""]);
  return summary(embedded, removed, name);
}
