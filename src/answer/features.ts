import type { Candidate, Retrieval } from "../retrieval/hybrid.js";
import type { AnalyzedQuestion } from "../retrieval/question.js";
import { STOPWORDS, normalizeTerm, tokenize } from "../text/terms.js";
import type { TextEntities } from "./entities.js";
import { type Words, coverage, memoizedWords, satisfaction } from "./coverage.js";
import type { AnswerUnit } from "./units.js";

/**
 * Dense, non-lexical evidence that an answer unit answers a question: no feature names a word,
 * so what is learnt on Wikipedia articles carries over to any folder. Every feature is computed
 * inside answering from the corpus statistics, the word vectors and wink-nlp — never from the
 * embedder that did the retrieval — so one calibration holds for every embedder.
 */
export const UNIT_FEATURES = [
  "coverExact", // IDF-weighted share of the question's concepts the unit states in the same words
  "coverSoft", // …also by acronym expansion, stem prefix or a closely related word
  "coverAround", // …or its surroundings do (discounted)
  "coverParagraph", // …anywhere in its paragraph
  "coverWindow", // …in the unit or the sentence before or after it
  "bigrams", // share of the question's consecutive word pairs the unit repeats
  "alignMean", // each question word's best word-vector match in the unit, IDF-weighted mean
  "alignMin", // …the worst-matched question word
  "vectorCosine", // cosine of the SIF sentence vectors of question and unit
  "novelShare", // share of the unit's words the question does not use (an answer adds something)
  "length", // log of the unit's word count
  "typeAsked", // the question asks for a number, time, person or place
  "typeFound", // …and the unit holds one the question does not already hold
  "numberFound", // the unit holds a figure the question does not
  "timeFound", // the unit holds a date/time/duration the question does not
  "nameFound", // the unit holds a proper noun the question does not
  "namesStated", // IDF-weighted share of the question's names the unit states (a fragment: with its lead-in)
  "namesMissing", // IDF-weighted share of the question's names absent from unit + paragraph + context
  "numbersMissing", // a number the question names is absent from the paragraph
  "rarestMissing", // IDF of the rarest question word absent from the paragraph, over the rarest asked
  "negationMismatch", // exactly one of question and unit is negated
  "paragraphRank", // 1 / (1 + retrieval rank of the unit's paragraph)
  "lexicalRelative", // the paragraph's BM25 score over the best candidate's
  "firstUnit", // the unit opens its paragraph
  "fragment", // a list item, table row or code block (leans on its lead-in)
  "coverRelative", // coverSoft over the best coverSoft among this question's units
  "alignRelative", // alignMean over the best alignMean among this question's units
  "cosineRelative", // vectorCosine over the best among this question's units
  "questionWords", // log of the question's concept count
  "coverContext", // IDF-weighted share of the question's concepts its context states (section heading, lead-in)
  "code", // the unit is a whole code block
  "listItem", // the unit is (a sentence of) a list item
  "tableRow", // the unit is a table row
  "asksHowTo", // the question asks how to do something ("How do I…")
  "howToCode", // …and the unit is code
  "introducesCode", // the unit ends with ":" and the next paragraph is code ("To read a query, use request.query:")
  "paragraphRelevance", // the paragraph ranker's probability that the unit's paragraph answers the question
  "relevanceRelative", // …over the best retrieved paragraph's
  "namesMissingDocument", // IDF-weighted share of the question's names that no paragraph of the unit's document holds
] as const;

export type UnitFeatureName = (typeof UNIT_FEATURES)[number];

/** What answering reads about words beyond the corpus (undefined parts are absent, e.g. on the edge). */
export interface WordEvidence {
  similarity(a: string, b: string): number;
  /** SIF sentence vector from the word vectors, or null where there are none. */
  sentenceVector(text: string): ArrayLike<number> | null;
  entities(text: string): TextEntities;
}

/** Where a paragraph sits among its neighbours in the document. */
export interface DocumentLayout {
  nextIsCode(paragraph: AnswerUnit["paragraph"]): boolean;
  /** Whether any paragraph of the document holds the term, in its text or context. */
  documentHolds(file: string, term: string): boolean;
}

export interface FeaturedUnit extends AnswerUnit {
  candidate: Candidate;
  rank: number;
  features: number[];
}

/** "How do I…", "how can we…", "how to…": questions a docs site answers with code. */
const HOW_TO = /\bhow (?:do|can|could|should|would|to|might)\b/i;

const QUESTION_NEGATION = /\b(?:not|never|no|none|nor|neither|without|cannot)\b|n['’]t\b/i;

function cosine(a: ArrayLike<number> | null, b: ArrayLike<number> | null): number {
  if (!a || !b) return 0;
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

function bigramsOf(terms: string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

const contentTokens = (text: string) => tokenize(text).filter((t) => !STOPWORDS.has(t));

/** Each question word's best match among the unit's words: 1 for the same term, else word-vector cosine. */
function alignment(questionTokens: string[], weights: number[], unit: Words, similarity: WordEvidence["similarity"]): { mean: number; min: number } {
  if (questionTokens.length === 0) return { mean: 0, min: 0 };
  let sum = 0;
  let total = 0;
  let min = 1;
  questionTokens.forEach((q, i) => {
    let best = unit.terms.has(normalizeTerm(q)) ? 1 : 0;
    if (best < 1) for (const t of unit.tokens) best = Math.max(best, similarity(q, t));
    sum += weights[i]! * best;
    total += weights[i]!;
    min = Math.min(min, best);
  });
  return { mean: total ? sum / total : 0, min };
}

/** One question compares its few words with the same paragraph words many times: each pair once. */
function memoizedSimilarity(similarity: WordEvidence["similarity"]): WordEvidence["similarity"] {
  const memo = new Map<string, number>();
  return (a, b) => {
    const key = `${a}\0${b}`;
    let s = memo.get(key);
    if (s === undefined) memo.set(key, (s = similarity(a, b)));
    return s;
  };
}

interface QuestionView {
  question: AnalyzedQuestion;
  tokens: string[];
  tokenWeights: number[];
  terms: Set<string>;
  bigrams: Set<string>;
  vector: ArrayLike<number> | null;
  entities: TextEntities;
  negated: boolean;
  rarest: number;
}

/** Features of every answer unit of the retrieved paragraphs, in retrieval order. */
export function featureUnits(
  retrieval: Retrieval,
  units: { unit: AnswerUnit; candidate: Candidate; rank: number }[],
  evidence: WordEvidence,
  idf: (term: string) => number,
  layout: DocumentLayout,
): FeaturedUnit[] {
  const { question } = retrieval;
  evidence = { ...evidence, similarity: memoizedSimilarity(evidence.similarity) };
  const qTokens = [...new Set(contentTokens(question.text))];
  const q: QuestionView = {
    question,
    tokens: qTokens,
    tokenWeights: qTokens.map((t) => idf(normalizeTerm(t))),
    terms: new Set(qTokens.map(normalizeTerm)),
    bigrams: bigramsOf(contentTokens(question.text).map(normalizeTerm)),
    vector: evidence.sentenceVector(question.text),
    entities: evidence.entities(question.text),
    negated: QUESTION_NEGATION.test(question.text),
    rarest: Math.max(0, ...question.concepts.map((c) => idf(c.term))),
  };
  const wordsOf = memoizedWords();
  // How fully each text states each concept; a paragraph's text is shared by all its sentences.
  const satisfied = new Map<Words, number[]>();
  const satisfactionOf = (w: Words) => {
    let row = satisfied.get(w);
    if (!row) satisfied.set(w, (row = question.concepts.map((c) => satisfaction(c, w, evidence.similarity))));
    return row;
  };
  const howTo = HOW_TO.test(question.text);
  const nameIdf = question.concepts.filter((c) => c.name).map((c) => ({ concept: c, weight: idf(c.term) }));
  const topLexical = Math.max(1e-9, ...units.map((u) => u.candidate.lexical));
  const topRelevance = Math.max(1e-9, ...units.map((u) => u.candidate.relevance));
  const raw = units.map(({ unit, candidate, rank }) => {
    const own = wordsOf(unit.display);
    const paragraphWords = wordsOf(unit.paragraph.text);
    const contextWords = wordsOf(unit.paragraph.context);
    const ownSatisfaction = satisfactionOf(own);
    const around = unit.around.map((a) => ({ weight: a.weight, satisfaction: satisfactionOf(wordsOf(a.text)) }));
    const perConcept = ownSatisfaction.map((s, j) => Math.max(s, ...around.map((a) => a.weight * a.satisfaction[j]!)));
    const exact = question.concepts.map((c) => (own.terms.has(c.term) || c.alternatives.some((alt) => alt.every((t) => own.terms.has(t))) ? 1 : 0));
    const inParagraph = (term: string) => paragraphWords.terms.has(term) || contextWords.terms.has(term);
    const neighbours = units.filter((u) => u.unit.paragraph === unit.paragraph && Math.abs(u.unit.index - unit.index) === 1).map((u) => wordsOf(u.unit.display));
    const inWindow = (term: string) => own.terms.has(term) || neighbours.some((w) => w.terms.has(term));
    const soft = question.concepts.map((_, j) => Math.max(exact[j]!, perConcept[j]!));
    const ownSoft = coverage(question, ownSatisfaction, idf);
    const unitTerms = contentTokens(unit.display).map(normalizeTerm);
    const unitBigrams = bigramsOf(unitTerms);
    const align = alignment(q.tokens, q.tokenWeights, own, evidence.similarity);
    const entities = evidence.entities(unit.display);
    const newNumbers = entities.numbers.filter((n) => !q.entities.numbers.includes(n)).length > 0;
    const newTimes = entities.times.filter((n) => !q.entities.times.includes(n)).length > 0;
    const newNames = entities.names.filter((n) => !q.terms.has(normalizeTerm(n))).length > 0;
    const type = question.answerType;
    const typeAsked = type === "number" || type === "time" || type === "person" || type === "place";
    const typeFound =
      (type === "number" && newNumbers) || (type === "time" && newTimes) || ((type === "person" || type === "place") && newNames);
    const namesWeight = nameIdf.reduce((s, n) => s + n.weight, 0);
    // Names absent from the paragraph are common in answerable questions (SQuAD's ask after an
    // article's subject, which its paragraphs call "she"); absent from the whole document, rare.
    // A name the unit or its surroundings state is present whatever the text's words: an acronym
    // spelt out ("GDP" as "gross domestic product") is found by its initials, not by a term.
    const stated = (n: (typeof nameIdf)[number]) => perConcept[question.concepts.indexOf(n.concept)]! > 0;
    const missingShare = (holds: (term: string) => boolean) =>
      namesWeight
        ? nameIdf.filter((n) => !stated(n) && !holds(n.concept.term) && !n.concept.alternatives.some((alt) => alt.every(holds))).reduce((s, n) => s + n.weight, 0) / namesWeight
        : 0;
    const namesMissing = missingShare(inParagraph);
    const missingIdf = Math.max(0, ...question.concepts.filter((c) => !inParagraph(c.term) && !own.terms.has(c.term)).map((c) => idf(c.term)));
    const novel = unitTerms.filter((t) => !q.terms.has(t)).length;
    const kind = unit.paragraph.kind;
    return [
      coverage(question, exact, idf),
      ownSoft,
      coverage(question, soft, idf),
      coverage(question, question.concepts.map((c) => (inParagraph(c.term) ? 1 : 0)), idf),
      coverage(question, question.concepts.map((c) => (inWindow(c.term) ? 1 : 0)), idf),
      q.bigrams.size ? [...q.bigrams].filter((b) => unitBigrams.has(b)).length / q.bigrams.size : 0,
      align.mean,
      align.min,
      cosine(q.vector, evidence.sentenceVector(unit.display)),
      unitTerms.length ? novel / unitTerms.length : 0,
      Math.log1p(unitTerms.length),
      typeAsked ? 1 : 0,
      typeFound ? 1 : 0,
      newNumbers ? 1 : 0,
      newTimes ? 1 : 0,
      newNames ? 1 : 0,
      namesWeight ? nameIdf.reduce((sum, n) => sum + n.weight * perConcept[question.concepts.indexOf(n.concept)]!, 0) / namesWeight : 1,
      namesMissing,
      question.numbers.some((n) => !paragraphWords.terms.has(n)) ? 1 : 0,
      q.rarest ? missingIdf / q.rarest : 0,
      q.negated !== entities.negated ? 1 : 0,
      1 / (1 + rank),
      candidate.lexical / topLexical,
      unit.index === 0 ? 1 : 0,
      unit.fragment ? 1 : 0,
      0,
      0,
      0,
      Math.log1p(question.concepts.length),
      coverage(question, satisfactionOf(contextWords), idf),
      kind === "code" ? 1 : 0,
      kind === "list-item" ? 1 : 0,
      kind === "table-row" ? 1 : 0,
      howTo ? 1 : 0,
      kind === "code" && howTo ? 1 : 0,
      kind !== "code" && /:\s*$/.test(unit.display) && layout.nextIsCode(unit.paragraph) ? 1 : 0,
      candidate.relevance,
      candidate.relevance / topRelevance,
      missingShare((term) => layout.documentHolds(unit.paragraph.file, term)),
    ];
  });
  // Relative to the best unit of the question, on the non-negative part: a cosine can be negative,
  // and a ratio to a best near zero blew up to -1e5 and more (the fitted scale was 4.9e6).
  const best = (column: number) => Math.max(1e-9, ...raw.map((f) => f[column]!));
  const relative = (value: number, top: number) => Math.max(0, value) / top;
  const [cover, align, cos] = [UNIT_FEATURES.indexOf("coverSoft"), UNIT_FEATURES.indexOf("alignMean"), UNIT_FEATURES.indexOf("vectorCosine")];
  const [bc, ba, bv] = [best(cover), best(align), best(cos)];
  return raw.map((f, i) => {
    f[UNIT_FEATURES.indexOf("coverRelative")] = relative(f[cover]!, bc);
    f[UNIT_FEATURES.indexOf("alignRelative")] = relative(f[align]!, ba);
    f[UNIT_FEATURES.indexOf("cosineRelative")] = relative(f[cos]!, bv);
    return { ...units[i]!.unit, candidate: units[i]!.candidate, rank: units[i]!.rank, features: f };
  });
}
