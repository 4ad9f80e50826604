import { stemmer } from "stemmer";
import { eng } from "stopword";
import { BoundedCache } from "./bounded-cache.js";

/**
 * The one tokenizer behind BM25, answer selection and the word-vector embedder, so that a
 * question and a document always agree on what a word is.
 */

// Words that carry no topic in a question ("why does…", "tell me…") on top of the usual list.
const QUESTION_WORDS = ["why", "when", "whom", "whose", "does", "doing", "done", "tell", "describe", "explain", "say", "says", "please", "kind", "give", "list", "name", "today"];
export const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...QUESTION_WORDS, "s", "t"]);

const TOKEN = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

/** Lower-cased word and number tokens; "18.1" and "2,000" stay whole, "Japan's" → "japan". */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(TOKEN)) {
    let token = match[0].replace(/['’]s$/, "").replace(/['’]/g, "");
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(token)) token = token.replace(/,/g, "");
    else if (token.includes(",")) {
      tokens.push(...token.split(","));
      continue;
    }
    tokens.push(token);
  }
  return tokens;
}

// British and American spellings index as one ("defence" = "defense", "programme" = "program").
const SPELLING: ReadonlyArray<[RegExp, string]> = [
  [/^(defen|offen|licen|pretens)ce$/, "$1se"],
  [/^programme(s?)$/, "program$1"],
  [/^(.{3,})is(e|es|ed|ing|ation|ations)$/, "$1iz$2"],
  [/^(.{3,})our(s?)$/, "$1or$2"],
];

/**
 * Stems remembered: every paragraph's words are stemmed again whenever it is scored. 200,000
 * entries hold the vocabulary of a 100k-paragraph corpus with room to spare; tokens over 32
 * characters (no English word is that long) are stemmed but never kept, so hostile questions of
 * long invented words cannot fill memory (at most ~40 MB).
 */
const STEM_CACHE_ENTRIES = 200_000;
const MAX_CACHED_TOKEN = 32;
const stemCache = new BoundedCache<string, string>(STEM_CACHE_ENTRIES);

/** The comparable form of one token: spelling-normalised, then Porter-stemmed. */
export function normalizeTerm(token: string): string {
  let term = stemCache.get(token);
  if (term === undefined) {
    let spelled = token;
    for (const [pattern, replacement] of SPELLING) spelled = spelled.replace(pattern, replacement);
    term = /\d/.test(spelled) ? spelled : stemmer(spelled);
    if (token.length <= MAX_CACHED_TOKEN) stemCache.set(token, term);
  }
  return term;
}

export function isNumber(token: string): boolean {
  return /^\d+(\.\d+)?%?$/.test(token);
}

/** Content terms of a text: tokens minus stopwords, normalised. Order and repeats kept. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !STOPWORDS.has(t))
    .map(normalizeTerm);
}
