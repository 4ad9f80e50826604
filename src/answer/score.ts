import { initials } from "../retrieval/acronyms.js";
import type { AnalyzedQuestion, Concept } from "../retrieval/question.js";
import { STOPWORDS, isNumber, normalizeTerm, tokenize } from "../text/terms.js";
import type { AnswerUnit } from "./units.js";

/**
 * How well one answer unit answers the question, from evidence that can be explained:
 * - coverage: the share of the question's concepts (weighted by rarity) the unit states, in the
 *   same words, an acronym's expansion or a closely related word, or that its surroundings state
 *   (discounted);
 * - similarity: the embedder's cosine between question and unit;
 * - prior: how highly retrieval ranked the unit's paragraph;
 * - fit: whether the unit holds the kind of thing asked for (a number for "how many", a
 *   reason for "why", every number or year the question names).
 */
export interface UnitScore {
  coverage: number;
  /** How fully the least-addressed name in the question (Thailand, OSA) is mentioned; 1 without names. */
  names: number;
  similarity: number;
  prior: number;
  fit: number;
  score: number;
}

const WEIGHTS = { coverage: 0.55, similarity: 0.3, prior: 0.15 };
/** A word this close to a question word (word-vector cosine) counts as partly saying it. */
const RELATED_WORD = 0.6;
const RELATED_CREDIT = 0.7;
const PREFIX_CREDIT = 0.9;

const CAUSAL = /\b(because|since|due to|owing to|as a result|in order to|so that|so as to|necessary|need(?:ed|s)? to|driven by|reason|aim(?:s|ed)? to|to ensure|prohibit\w*|thus|therefore|hence)\b/i;
const TIME = /\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|november|december|last (?:year|month|week)|since)\b/i;
/** A figure: digits not glued to letters ("5G" is a name), or a number word. */
const NUMBER = /\d(?!\p{L})|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion|half|double|doubled|percent)\b/iu;

export type Similarity = (a: string, b: string) => number;

export interface Words {
  terms: Set<string>;
  tokens: string[];
}

export function words(text: string): Words {
  const tokens = tokenize(text).filter((t) => !STOPWORDS.has(t));
  return { terms: new Set(tokens.map(normalizeTerm)), tokens: [...new Set(tokens)] };
}

/** words(), remembered: a paragraph's text is read once however many of its sentences are scored. */
export function memoizedWords(): (text: string) => Words {
  const memo = new Map<string, Words>();
  return (text) => {
    let w = memo.get(text);
    if (!w) memo.set(text, (w = words(text)));
    return w;
  };
}

/** Whether consecutive words spell the initials ("gross domestic product" for gdp). */
function spellsOut(tokens: string[], letters: string): boolean {
  for (let i = 0; i + letters.length <= tokens.length; i++) {
    if (initials(tokens.slice(i, i + letters.length)) === letters) return true;
  }
  return false;
}

function satisfaction(concept: Concept, words: Words, similarity: Similarity): number {
  if (words.terms.has(concept.term)) return 1;
  // An acronym's expansion counts only whole: "Official Development Assistance" is not OSA.
  if (concept.alternatives.some((alternative) => alternative.every((t) => words.terms.has(t)))) return 1;
  if (concept.initials && spellsOut(words.tokens, concept.initials)) return 1;
  if (concept.name || isNumber(concept.word)) return 0;
  let best = 0;
  // Stems that differ only in their ending ("econom" for economic, "economi" for economy).
  if (concept.term.length >= 5 && [...words.terms].some((t) => t.length >= 5 && (t.startsWith(concept.term) || concept.term.startsWith(t)))) {
    best = PREFIX_CREDIT;
  }
  for (const token of words.tokens) {
    const sim = similarity(concept.word, token);
    if (sim >= RELATED_WORD) best = Math.max(best, RELATED_CREDIT * sim);
  }
  return best;
}

/** Per concept of the question, how fully the unit (or, discounted, its surroundings) states it. */
export function conceptCoverage(
  question: AnalyzedQuestion,
  unit: AnswerUnit,
  similarity: Similarity,
  wordsOf: (text: string) => Words = words,
): number[] {
  const own = wordsOf(unit.display);
  const around = unit.around.map((a) => ({ words: wordsOf(a.text), weight: a.weight }));
  return question.concepts.map((concept) =>
    Math.max(satisfaction(concept, own, similarity), ...around.map((a) => a.weight * satisfaction(concept, a.words, similarity))),
  );
}

/** Coverage weighted by each concept's rarity (IDF): naming the rare thing asked about matters most. */
export function coverage(question: AnalyzedQuestion, perConcept: number[], idf: (term: string) => number): number {
  let covered = 0;
  let total = 0;
  question.concepts.forEach((concept, i) => {
    const weight = idf(concept.term);
    total += weight;
    covered += weight * perConcept[i]!;
  });
  return total === 0 ? 0 : covered / total;
}

/**
 * Share of the names in a unit that the question asked about: "a vessel for Malaysia" is about
 * Malaysia; "countries like the Philippines, Malaysia and Indonesia" only partly.
 */
export function focus(question: AnalyzedQuestion, text: string): number {
  const asked = askedTerms(question);
  const names = namesIn(text);
  if (names.size === 0) return 1;
  return [...names].filter((n) => asked.has(n)).length / names.size;
}

const askedTerms = (question: AnalyzedQuestion) => new Set(question.concepts.map((c) => c.term));

/** Capitalised words not opening a sentence, normalised: the names a text mentions. */
function namesIn(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<=[\p{L}\p{N},;:]\s+)\p{Lu}[\p{L}’'-]*/gu)].map((m) => normalizeTerm(tokenize(m[0])[0] ?? "")));
}

/** "Where…" asks for a name the question does not already hold. */
function hasNewName(question: AnalyzedQuestion, text: string): boolean {
  const asked = askedTerms(question);
  return [...namesIn(text)].some((n) => n && !asked.has(n));
}

const TITLES = new Set(["minister", "secretary", "president", "prime", "defence", "defense", "foreign", "general", "admiral", "chief", "deputy", "ambassador", "senator", "governor", "director", "professor", "dr", "mr", "ms", "mrs"]);

/** "Who…" asks for a person the question does not name: a capitalised pair that is not a title ("Pete Hegseth", not "Defence Minister"). */
function hasNewPerson(question: AnalyzedQuestion, text: string): boolean {
  const asked = askedTerms(question);
  for (const m of text.matchAll(/\b(\p{Lu}[\p{Ll}’'-]+)\s+(\p{Lu}[\p{Ll}’'-]+)\b/gu)) {
    const words = [m[1]!, m[2]!].map((w) => w.toLowerCase().replace(/['’]s$/, ""));
    if (words.some((w) => TITLES.has(w) || asked.has(normalizeTerm(w)))) continue;
    if (m.index === 0 || /[.!?]\s*$/.test(text.slice(0, m.index))) continue; // sentence-initial capitals prove nothing
    return true;
  }
  return false;
}

/** "How many nations…": a figure within three words before the counted thing ("twelve nations"). */
function countsIt(question: AnalyzedQuestion, text: string, similarity: Similarity): boolean {
  const tokens = tokenize(text);
  return tokens.some((t, i) => {
    if (STOPWORDS.has(t) || !(normalizeTerm(t) === question.counted || similarity(t, question.counted!) >= RELATED_WORD)) return false;
    return tokens.slice(Math.max(0, i - 3), i).some((w) => NUMBER.test(w));
  });
}

/** 1 = fits; below 1 the unit is unlikely to hold what was asked for. */
export function answerFit(
  question: AnalyzedQuestion,
  unit: AnswerUnit,
  similarity: Similarity,
  wordsOf: (text: string) => Words = words,
): number {
  const text = unit.display;
  let fit = 1;
  // Questions that ask for a name expect new names in the answer; others prefer focused units.
  // A table row is about its first cell (the row's key), whatever its headers say.
  const about = unit.paragraph.kind === "table-row" ? (text.split(" — ")[0] ?? text) : text;
  if (question.answerType === "person") fit *= hasNewPerson(question, text) ? 1.1 : 0.85;
  else if (question.answerType === "place") fit *= hasNewName(question, text) ? 1.1 : 0.85;
  else fit *= 0.85 + 0.15 * focus(question, ` ${about}`);
  // Numbers and years the question names must appear in the unit's paragraph (read once per paragraph).
  const inParagraph = wordsOf(unit.paragraph.text).terms;
  if (question.numbers.some((n) => !inParagraph.has(n))) fit *= 0.3;
  switch (question.answerType) {
    case "number":
      if (!NUMBER.test(text)) fit *= 0.3;
      else if (question.counted) fit *= countsIt(question, text, similarity) ? 1.15 : 0.8;
      break;
    case "cause":
      if (CAUSAL.test(text)) fit *= 1.15;
      break;
    case "time":
      if (!TIME.test(text)) fit *= 0.6;
      break;
  }
  return fit;
}

/** Combines the evidence; without vectors (similarity null) the other weights are scaled up to fill its share. */
export function scoreUnit(parts: Omit<UnitScore, "score" | "similarity"> & { similarity: number | null }): UnitScore {
  const similarity = parts.similarity ?? 0;
  const base =
    parts.similarity === null
      ? (WEIGHTS.coverage * parts.coverage + WEIGHTS.prior * parts.prior) / (WEIGHTS.coverage + WEIGHTS.prior)
      : WEIGHTS.coverage * parts.coverage + WEIGHTS.similarity * Math.max(0, similarity) + WEIGHTS.prior * parts.prior;
  return { ...parts, similarity, score: base * parts.fit };
}
