import type { CorpusIndex } from "../index-store/corpus.js";
import { HybridRetriever, type Retrieval } from "../retrieval/hybrid.js";
import type { Answer, RelatedPassage } from "../types.js";
import { composeAnswer } from "./compose.js";
import { type ScoredUnit, selectUnits } from "./select.js";
import { answerFit, conceptCoverage, coverage, memoizedWords, scoreUnit } from "./score.js";
import { answerUnits } from "./units.js";
import { answerProblems } from "./verify.js";

/** What answering needs to know about English words beyond the corpus (see WordSimilarity). */
export interface WordKnowledge {
  similarity(a: string, b: string): number;
  isCommonWord(word: string): boolean;
}

export interface AskOptions {
  /** How many retrieved paragraphs the answer may draw on (1–20). */
  k?: number;
}

export const DEFAULT_K = 10;

const REFUSAL = "The documents don't say. Nothing in them answers this question closely enough to cite.";

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1);

export class Answerer {
  readonly retriever: HybridRetriever;

  private readonly similarity: (a: string, b: string) => number;

  constructor(
    readonly index: CorpusIndex,
    words: WordKnowledge,
  ) {
    this.retriever = new HybridRetriever(index, (w) => words.isCommonWord(w));
    this.similarity = (a, b) => words.similarity(a, b);
  }

  /** Scores every answer unit of the top k retrieved paragraphs, best first. */
  async rank(retrieval: Retrieval): Promise<ScoredUnit[]> {
    const { question, queryVector, candidates } = retrieval;
    const units = candidates.flatMap((c) => answerUnits(c.paragraph).map((u) => ({ unit: u, candidate: c })));
    if (units.length === 0) return [];
    // Without dense vectors (lexical-only on the edge) similarity is left out, not guessed.
    const vectors = this.index.dense ? await this.index.dense.embedDocuments(units.map(({ unit }) => unit.display)) : units.map(() => []);
    const topFused = candidates[0]!.fused;
    const { bm25 } = this.retriever;
    const wordsOf = memoizedWords();
    const idf = (term: string) => bm25.idf(term);
    // Names most paragraphs mention ("Japan" here) say nothing about which paragraph answers.
    const telling = question.concepts.map((c) => c.name && bm25.documentFrequency(c.term) <= bm25.size / 2);
    return units
      .map(({ unit, candidate }, i) => {
        const perConcept = conceptCoverage(question, unit, this.similarity, wordsOf);
        return {
          ...unit,
          scores: scoreUnit({
            coverage: coverage(question, perConcept, idf),
            names: mean(perConcept.filter((_, j) => telling[j])),
            // A fragment is read with its lead-in, as it was embedded.
            similarity: this.index.dense ? Math.max(cosine(queryVector, vectors[i]!), unit.fragment ? candidate.dense : 0) : null,
            prior: candidate.fused / topFused,
            fit: answerFit(question, unit, this.similarity, wordsOf),
          }),
        };
      })
      .sort((a, b) => b.scores.score - a.scores.score);
  }

  related(retrieval: Retrieval): RelatedPassage[] {
    return retrieval.candidates.slice(0, 3).map((c) => ({
      file: c.paragraph.file,
      paragraph: c.paragraph.n,
      line: c.paragraph.line,
      text: c.paragraph.text,
      score: Math.round(c.fused * 1000) / 1000,
    }));
  }

  async answer(question: string, options: AskOptions = {}): Promise<Answer> {
    const retrieval = await this.retriever.retrieve(question, options.k ?? DEFAULT_K);
    const answer = composeAnswer(selectUnits(await this.rank(retrieval)));
    const lookup = (file: string, n: number) => this.index.byFile.get(file)?.[n - 1]?.text;
    if (answer.citations.length === 0 || answerProblems(answer, lookup).length > 0) {
      return { answer: REFUSAL, abstained: true, citations: [], related: this.related(retrieval) };
    }
    return answer;
  }
}
