import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { readCorpus } from "../../ingest/read-corpus.js";
import type { Embedder } from "../embeddings/embedder.js";
import { splitSentences } from "../text/sentences.js";
import type { Paragraph } from "../types.js";

/**
 * The LangChain quickstart pipeline, as the comparison point: RecursiveCharacterTextSplitter
 * (1000/200) → HNSWLib with the same embedder → top-4 similarity search. Its "answer" is the
 * sentence of the top chunk most similar to the question, cited as the chunk's file and the
 * paragraph where the chunk starts — what such a stack can honestly claim as a source.
 */
export interface BaselineAnswer {
  answer: string;
  citations: { file: string; paragraph: number; quote: string }[];
  /** Paragraph ranges of the retrieved chunks, best first (for retrieval recall). */
  retrieved: { file: string; from: number; to: number }[];
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

export class LangChainBaseline {
  private constructor(
    private readonly store: HNSWLib,
    private readonly embedder: Embedder,
    private readonly paragraphs: Map<string, Paragraph[]>,
  ) {}

  static async build(corpusDir: string, embedder: Embedder): Promise<LangChainBaseline> {
    const corpus = await readCorpus(corpusDir);
    const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
    const texts = await Promise.all(corpus.files.map((f) => readFile(join(corpusDir, f.file), "utf8")));
    const docs = await splitter.createDocuments(texts, corpus.files.map((f) => ({ file: f.file })));
    const store = await HNSWLib.fromDocuments(docs, embedder);
    store.index.setEf(128);
    return new LangChainBaseline(store, embedder, new Map(corpus.files.map((f) => [f.file, f.paragraphs])));
  }

  /** The paragraph a (1-based) line falls in, or the last one starting before it. */
  private paragraphAt(file: string, line: number): number {
    const paragraphs = this.paragraphs.get(file) ?? [];
    let n = 1;
    for (const p of paragraphs) if (p.line <= line) n = p.n;
    return n;
  }

  async answer(question: string): Promise<BaselineAnswer> {
    const vector = await this.embedder.embedQuery(question);
    const hits = await this.store.similaritySearchVectorWithScore(vector, 4);
    const retrieved = hits.map(([doc]) => {
      const { file, loc } = doc.metadata as { file: string; loc: { lines: { from: number; to: number } } };
      return { file, from: this.paragraphAt(file, loc.lines.from), to: this.paragraphAt(file, loc.lines.to) };
    });
    const top = hits[0]?.[0];
    if (!top) return { answer: "", citations: [], retrieved };
    const sentences = splitSentences(top.pageContent).map((s) => s.text);
    const vectors = await this.embedder.embedDocuments(sentences);
    let best = 0;
    vectors.forEach((v, i) => {
      if (cosine(v, vector) > cosine(vectors[best]!, vector)) best = i;
    });
    const quote = sentences[best] ?? top.pageContent;
    return { answer: `${quote} [1]`, citations: [{ file: retrieved[0]!.file, paragraph: retrieved[0]!.from, quote }], retrieved };
  }
}
