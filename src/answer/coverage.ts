import { initials } from "../retrieval/acronyms.js";
import type { AnalyzedQuestion, Concept } from "../retrieval/question.js";
import { STOPWORDS, isNumber, normalizeTerm, tokenize } from "../text/terms.js";

/**
 * How fully a text states each of the question's concepts: in the same words, an acronym's
 * expansion, a word sharing its stem, or (partly) a closely related word. The coverage features
 * of the answer model are built from these.
 */

/**
 * A word this close to a question word (word-vector cosine) counts as partly saying it. These
 * three shape a feature, they decide nothing: set in the first round, kept because the learned
 * weights now say how much soft coverage counts (coverSoft vs coverExact in models/answerer.json).
 */
const RELATED_WORD = 0.6;
const RELATED_CREDIT = 0.7;
const PREFIX_CREDIT = 0.9;

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

export function satisfaction(concept: Concept, words: Words, similarity: Similarity): number {
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
