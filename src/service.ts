import { Answerer, type AskOptions } from "./answer/answer.js";
import { DEFAULT_K } from "./answer/depth.js";
import type { LlmAnswerer } from "./answer/llm/llm-answerer.js";
import type { CorpusIndex, IndexedParagraph } from "./index-store/corpus.js";
import { type DocumentFormat, countByFormat } from "./text/document-format.js";
import { boundedHistory, boundedQuestion } from "./text/question-text.js";
import type { Answer } from "./types.js";

/** What every surface (HTTP, CLI, Discord, widget) needs from the core, and nothing more. */
export interface AskService {
  answer(question: string, options?: AskOptions): Promise<Answer>;
  /** The paragraphs retrieval ranks highest, before answer selection (for evaluation). */
  retrieve(question: string, k?: number): Promise<IndexedParagraph[]>;
  /** `embedder` and `retrieval` say what answering really uses ("none" / "bm25" without vectors). */
  health(): { documents: number; formats: Partial<Record<DocumentFormat, number>>; paragraphs: number; embedder: string; retrieval: string; llm: string };
  /** A document's paragraphs in order, or undefined for a file the index does not hold. */
  document(file: string): IndexedParagraph[] | undefined;
  files(): string[];
  /** A document's own title (Markdown front matter, an HTML page's <title>), when it gives one. */
  title(file: string): string | undefined;
  /** The folder the index was built from (absolute): where a PDF's original is read from. */
  corpusDir(): string;
  /**
   * Frees the index's memory outside the JavaScript heap once the service will answer no more
   * questions (a build swapped out, live-index.ts); its documents can still be read.
   */
  release?(): void;
}

/** The service over an index; with `llm`, answers are written by the model wherever its citations verify. */
export function serviceFor(index: CorpusIndex, answerer: Answerer, llm?: LlmAnswerer): AskService {
  const answering = llm ?? answerer;
  return {
    // Whatever the surface checked, the core never reads more than the limit.
    answer: (question, options) => answering.answer(boundedQuestion(question), { ...options, history: boundedHistory(options?.history) }),
    retrieve: async (question, k = DEFAULT_K) =>
      (await answerer.retrieve(boundedQuestion(question), k)).candidates.map((c) => c.paragraph),
    health: () => ({
      documents: index.byFile.size,
      formats: countByFormat(index.byFile.keys()),
      paragraphs: index.paragraphs.length,
      embedder: index.dense?.embedderId ?? "none",
      retrieval: index.dense ? `bm25+${index.dense.method}` : "bm25",
      // The model's name only: never its address (it may hold credentials) nor its key.
      llm: llm?.model.name ?? "none",
    }),
    document: (file) => index.byFile.get(file),
    files: () => [...index.byFile.keys()].sort(),
    title: (file) => index.titles?.[file],
    corpusDir: () => index.manifest.corpus.dir,
    release: () => index.release?.(),
  };
}
