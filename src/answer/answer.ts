import type { CorpusIndex, IndexedParagraph } from "../index-store/corpus.js";
import { HybridRetriever, type Retrieval } from "../retrieval/hybrid.js";
import type { Answer, RelatedPassage, Turn } from "../types.js";
import { composeAnswer, pagePlace } from "./compose.js";
import { memoizedEntities } from "./entities.js";
import { type FeaturedUnit, featureUnits } from "./features.js";
import { type AnswerModel, type RankedUnit, answerability, rankUnits } from "./model.js";
import { withAnnounced } from "./announced.js";
import { namingHeading, sectionHeadings } from "./section-name.js";
import { selectUnits } from "./select.js";
import { type StandaloneQuestion, standaloneQuestion } from "./follow-up.js";
import { readsAsPassage } from "./related.js";
import { answerUnits } from "./units.js";
import { DEFAULT_K } from "./depth.js";
import { type Runs, anyWithin, documentRuns } from "./documents.js";
import { answerProblems, paragraphLookup } from "./verify.js";

/** What answering needs to know about English words beyond the corpus (see WordSimilarity). */
export interface WordKnowledge {
  similarity(a: string, b: string): number;
  isCommonWord(word: string): boolean;
  /** A sentence vector from the word vectors. */
  sentenceVector?(text: string): ArrayLike<number>;
  /**
   * Makes the words of a question answerable by the calls above before they are made (the
   * Worker reads the vectors of words beyond its bundle from its static assets); absent, all are.
   */
  prepare?(question: string): Promise<void>;
}

export interface AskOptions {
  /** How many retrieved paragraphs the answer may draw on (1 to MAX_K, depth.ts). */
  k?: number;
  /**
   * The conversation's earlier turns, oldest first. A follow-up that leans on them ("how much
   * does it cost?") is completed from the previous question; any other question is answered
   * exactly as if asked alone.
   */
  history?: readonly Turn[];
  /**
   * Where an answer written by a language model streams its sentences, each once its citations
   * verified (see src/answer/llm). The extractive answer ignores it: it is whole at once.
   */
  stream?: AnswerStream;
  /**
   * Only whether and what the documents answer, without a language model even when one is
   * configured: for checks that read `abstained` alone (suggested questions), which a model
   * cannot change and should not pay for.
   */
  extractiveOnly?: boolean;
}

/** A streamed answer's receiver: verified sentences as they complete, and a restart when it falls back. */
export interface AnswerStream {
  /** The next piece of the answer text: a sentence with its markers (and the space before it). */
  sentence(delta: string): Promise<void>;
  /** What was streamed is withdrawn: the answer falls back to the extractive one. */
  restart(): Promise<void>;
}

/** An answer and the retrieval it came from: what the optional LLM stage is gated on and drawn from. */
export interface Decision {
  answer: Answer;
  retrieval: Retrieval;
  /** Every answer unit of the retrieved paragraphs, ranked by the answer model. */
  ranked: RankedUnit[];
  /**
   * Why the verification gate refused an answer that answerability had let through: what
   * answerProblems found in the composed answer (a quote not verbatim, a sentence without a
   * marker), or that composing could cite none of the chosen units. Never set for a sound answer, so a test can assert that none was withheld, which
   * checking the returned answer (always sound, or a refusal) cannot.
   */
  withheld?: string[];
}

/** Closest passages shown with a refusal: enough to point somewhere, few enough to read. */
const RELATED_SHOWN = 3;

const REFUSAL = "The documents don't say. Nothing in them answers this question closely enough to cite.";

/** A question's answer units ranked by the learned model, and its probability of being answerable. */
export interface Judgement {
  retrieval: Retrieval;
  ranked: RankedUnit[];
  answerability: number;
}

export class Answerer {
  readonly retriever: HybridRetriever;

  constructor(
    readonly index: CorpusIndex,
    readonly words: WordKnowledge,
    readonly model: AnswerModel,
    /** Paragraph entities by text; a memo of its own unless one is shared (open-service.ts). */
    private readonly entities = memoizedEntities(),
  ) {
    this.retriever = new HybridRetriever(index, model.paragraphRanker, (w) => words.isCommonWord(w));
  }

  private runs?: Map<string, Runs>;
  /** Each document's sectionHeadings, built at its first answer. */
  private readonly headings = new Map<string, Int32Array>();

  /** A file's paragraphs, ¶n at index n − 1 (none for a file the index does not hold). */
  private documentOf(file: string): IndexedParagraph[] {
    return this.index.byFile.get(file) ?? [];
  }

  /** The heading that names the API element of a paragraph's section, if one does (section-name.ts). */
  private namingHeadingOf(paragraph: IndexedParagraph): IndexedParagraph | undefined {
    const document = this.documentOf(paragraph.file);
    let headings = this.headings.get(paragraph.file);
    if (!headings) this.headings.set(paragraph.file, (headings = sectionHeadings(document)));
    return namingHeading(paragraph, document, headings);
  }

  /**
   * Whether a document holds a term, for one question: the term's postings read once (a name's
   * are short; a word on every page reads as many positions as there are paragraphs, which BM25
   * read for the question anyway), then a binary search per run of the document's paragraphs.
   */
  private documentHolds(): (file: string, term: string) => boolean {
    const holders = new Map<string, Int32Array>();
    return (file, term) => {
      let positions = holders.get(term);
      if (!positions) holders.set(term, (positions = this.retriever.bm25.holders(term)));
      // Built at the first question naming a name, not at the first question: most ask none.
      this.runs ??= documentRuns(this.index.paragraphs);
      return anyWithin(positions, this.runs.get(file) ?? []);
    };
  }

  /** Every answer unit of the retrieved paragraphs with its features, in retrieval order. */
  featured(retrieval: Retrieval): FeaturedUnit[] {
    const units = retrieval.candidates.flatMap((candidate, rank) => answerUnits(candidate.paragraph).map((unit) => ({ unit, candidate, rank })));
    const { words } = this;
    const evidence = {
      similarity: (a: string, b: string) => words.similarity(a, b),
      sentenceVector: (text: string) => words.sentenceVector?.(text) ?? null,
      entities: this.entities,
    };
    const layout = {
      nextIsCode: (p: { file: string; n: number }) => this.index.byFile.get(p.file)?.[p.n]?.kind === "code",
      documentHolds: this.documentHolds(),
    };
    return featureUnits(retrieval, units, evidence, (term) => this.retriever.bm25.idf(term), layout);
  }

  /** Retrieval for a question, once its words are ready to be looked up. */
  async retrieve(question: string, k: number = DEFAULT_K): Promise<Retrieval> {
    // Only where there is something to prepare: on Node retrieval starts at once, as before.
    if (this.words.prepare) await this.words.prepare(question);
    return this.retriever.retrieve(question, k);
  }

  async judge(question: string, options: AskOptions = {}): Promise<Judgement> {
    const retrieval = await this.retrieve(question, options.k ?? DEFAULT_K);
    const ranked = rankUnits(this.model, this.featured(retrieval));
    const p = ranked.length ? answerability(this.model, ranked, retrieval.question.answerType) : 0;
    return { retrieval, ranked, answerability: p };
  }

  /**
   * The best few retrieved passages that read as passages (see readsAsPassage), for a refusal;
   * a text shown once, though a folder may hold it in several files (a README copied into every
   * package), or the copies fill the few places.
   */
  related(retrieval: Retrieval): RelatedPassage[] {
    const seen = new Set<string>();
    const distinct = retrieval.candidates.filter((c) => readsAsPassage(c.paragraph) && !seen.has(c.paragraph.text) && seen.add(c.paragraph.text));
    return distinct.slice(0, RELATED_SHOWN).map((c) => ({
      file: c.paragraph.file,
      paragraph: c.paragraph.n,
      line: c.paragraph.line,
      ...pagePlace(c.paragraph),
      text: c.paragraph.text,
      score: Math.round(c.relevance * 1000) / 1000,
    }));
  }

  /** The question as it will be answered: itself, or completed from the conversation's previous turn. */
  standalone(question: string, history: readonly Turn[] = []): StandaloneQuestion {
    return standaloneQuestion(question, history, (a, b) => this.words.similarity(a, b));
  }

  async answer(question: string, options: AskOptions = {}): Promise<Answer> {
    const standalone = this.standalone(question, options.history);
    const { answer } = await this.decide(standalone.question, options);
    return standalone.cue ? { ...answer, question: standalone.question } : answer;
  }

  /** The extractive answer to a standalone question, or the refusal, with the retrieval behind it. */
  async decide(question: string, options: AskOptions = {}): Promise<Decision> {
    const { retrieval, ranked, answerability: p } = await this.judge(question, options);
    const refusal: Answer = { answer: REFUSAL, abstained: true, citations: [], related: this.related(retrieval), mode: "extractive" };
    if (p < this.model.threshold) return { answer: refusal, retrieval, ranked };
    const chosen = withAnnounced(selectUnits(ranked, this.model.keepRatio), (file) => this.documentOf(file));
    const answer = composeAnswer(chosen, (unit) => this.namingHeadingOf(unit.paragraph));
    const lookup = paragraphLookup((file) => this.index.byFile.get(file));
    const problems = answer.citations.length === 0 ? ["no chosen unit could be cited (a quote not verbatim, or code holding a marker)"] : answerProblems(answer, lookup);
    if (problems.length > 0) return { answer: refusal, retrieval, ranked, withheld: problems };
    return { answer, retrieval, ranked };
  }
}
