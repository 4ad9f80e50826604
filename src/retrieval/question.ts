import { STOPWORDS, contentTerms, isNumber, normalizeTerm, tokenize } from "../text/terms.js";
import type { CorpusLexicon } from "./lexicon.js";

/**
 * A question taken apart for retrieval and answering: the concepts an answer must cover, each
 * satisfiable by the word itself or (for an acronym) by its expansion, and the kind of answer
 * the question asks for.
 */
export interface Concept {
  /** The word as asked (after typo repair), for similarity between words. */
  word: string;
  term: string;
  /** Capitalised mid-sentence, or an acronym: a name, which only its own spelling satisfies. */
  name: boolean;
  /** An acronym the corpus never spells out in capitals ("GDP"): a lower-case phrase with these initials satisfies it. */
  initials?: string;
  /** Other ways of saying it, as term lists (an acronym's expansion). */
  alternatives: string[][];
}

export type AnswerType = "number" | "cause" | "time" | "person" | "place" | "thing";

export interface AnalyzedQuestion {
  text: string;
  /** The question with acronym expansions appended, for the embedder. */
  expandedText: string;
  concepts: Concept[];
  bm25Query: Map<string, number>;
  /** Numbers and years the question names; an answer must contain them. */
  numbers: string[];
  answerType: AnswerType;
}

/**
 * How much an acronym's expansion counts in the BM25 query against the word asked (1). Set by hand
 * in the first round (commit 2bc3ef3) and not tuned: it matters only for questions that use an
 * acronym the corpus spells out, and it shapes lexical ranks and shares the paragraph ranker weighs.
 */
const EXPANSION_WEIGHT = 0.6;
/**
 * Distinct question words read (after stopwords); the rest are ignored. The longest question in
 * our three question sets has 9; 32 leaves room for long real questions while bounding the work
 * a pasted essay or a list of invented words can cause (issue 13: 222 random words stalled the
 * server for seconds).
 */
export const MAX_QUESTION_WORDS = 32;

function answerTypeOf(question: string): AnswerType {
  const q = question.toLowerCase();
  if (/\bhow (many|much|large|big|long|far)\b|\bwhat (share|percentage|proportion|amount|number|size)\b|\bhow much\b/.test(q)) return "number";
  if (/\bwhy\b|\breason\b|\bwhat (drives|motivates|explains)\b/.test(q)) return "cause";
  if (/\bwhen\b|\bwhat (year|date|month)\b/.test(q)) return "time";
  if (/\bwho\b|\bwhich (analyst|minister|person|official|leader|author)/.test(q)) return "person";
  if (/\bwhere\b|\bwhich (countr|nation|state|region|cit)/.test(q)) return "place";
  return "thing";
}

export function analyzeQuestion(question: string, lexicon: CorpusLexicon): AnalyzedQuestion {
  const concepts: Concept[] = [];
  const bm25Query = new Map<string, number>();
  const expansions: string[] = [];
  const seen = new Set<string>();
  const asked = new Set<string>();
  const raws = question.normalize("NFKC").match(/[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu) ?? [];
  for (const [position, raw] of raws.entries()) {
    const name = (position > 0 && /^\p{Lu}/u.test(raw)) || /^\p{Lu}{2,}/u.test(raw);
    for (const word of tokenize(raw)) {
      if (STOPWORDS.has(word) || asked.has(word)) continue;
      if (asked.size >= MAX_QUESTION_WORDS) break;
      asked.add(word);
      const token = lexicon.spelling.correct(word) ?? word;
      const term = normalizeTerm(token);
      if (seen.has(term)) continue;
      seen.add(term);
      const alternatives: string[][] = [];
      // An acronym is written in capitals in the question ("OSA", "FOIP").
      let initials: string | undefined;
      if (/^[A-Z][A-Z0-9]{1,7}s?$/.test(raw.replace(/[’']s$/, ""))) {
        const acronym = raw.replace(/s$|[’']s$/, "");
        const expansion = lexicon.acronyms.expand(acronym);
        if (!expansion && /^[A-Z]{3,}$/.test(acronym)) initials = acronym.toLowerCase();
        if (expansion) {
          const terms = contentTerms(expansion);
          alternatives.push(terms);
          expansions.push(expansion);
          for (const t of terms) bm25Query.set(t, Math.max(bm25Query.get(t) ?? 0, EXPANSION_WEIGHT));
        }
      }
      bm25Query.set(term, 1);
      concepts.push({ word: token, term, alternatives, name, ...(initials ? { initials } : {}) });
    }
  }
  return {
    text: question,
    expandedText: expansions.length ? `${question} (${expansions.join("; ")})` : question,
    concepts,
    bm25Query,
    numbers: concepts.map((c) => c.term).filter(isNumber),
    answerType: answerTypeOf(question),
  };
}
