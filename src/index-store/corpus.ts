import type { Bm25Index } from "../retrieval/bm25.js";
import type { LexiconData } from "../retrieval/lexicon.js";
import type { Paragraph } from "../types.js";
import type { Manifest } from "./layout.js";
import type { ParagraphShapes } from "./paragraph-shapes.js";

/** A paragraph as stored in the index's docstore (the Document's metadata). */
export interface IndexedParagraph extends Paragraph {
  /** Neighbouring text it was embedded with (see ingest/chunks.ts). */
  context: string;
  chunkHash: string;
}

/** What the docstore holds per paragraph as metadata; its text is the Document's pageContent. */
export type StoredParagraph = Omit<IndexedParagraph, "text">;

/**
 * Dense retrieval, wherever it runs: the local HNSW graph with the index's embedder on Node,
 * Vectorize with Workers AI on the edge.
 */
export interface DenseIndex {
  embedderId: string;
  /** How the nearest paragraphs are found, as /health reports it. */
  method: "hnsw" | "exhaustive" | "vectorize";
  embedQuery(text: string): Promise<number[]>;
  embedDocuments(texts: string[]): Promise<number[][]>;
  /** Nearest paragraphs by cosine similarity; labels are positions in CorpusIndex.paragraphs. */
  search(vector: number[], k: number): Promise<{ label: number; similarity: number }[]>;
}

/** A loaded index: what retrieval and answering read. Free of Node-only parts, so the Worker shares it. */
export interface CorpusIndex {
  name: string;
  manifest: Pick<Manifest, "embedder" | "paragraphs" | "createdAt" | "corpus">;
  /** Indexed by the dense label. */
  paragraphs: IndexedParagraph[];
  byFile: Map<string, IndexedParagraph[]>;
  /** Acronyms and word counts learnt at ingest. */
  lexicon: LexiconData;
  /** Absent where no vectors are available (lexical retrieval only). */
  dense: DenseIndex | null;
  /** Documents' own titles by file (Markdown front matter), where they give one. */
  titles?: Record<string, string>;
  /** BM25 over the paragraphs as ingest saved it; absent, retrieval builds it from the paragraphs. */
  lexical?: Bm25Index;
  /**
   * Each paragraph's document, kind and length as ingest saved them (shapes.bin); absent (an
   * index built in memory: the Worker's, tests'), retrieval builds them from the paragraphs.
   */
  shapes?: ParagraphShapes;
  /**
   * Frees what the index holds outside the JavaScript heap (Node's HNSW graph), which garbage
   * collection would free only whenever it next collects the graph's small wrapper. Only once
   * nothing will search the index again: a search after it throws.
   */
  release?(): void;
}

export function groupByFile(paragraphs: IndexedParagraph[]): Map<string, IndexedParagraph[]> {
  const byFile = new Map<string, IndexedParagraph[]>();
  for (const p of paragraphs) {
    const list = byFile.get(p.file) ?? [];
    list[p.n - 1] = p;
    byFile.set(p.file, list);
  }
  return byFile;
}
