import { stemmer } from "stemmer";
import { ara, ben, bul, ell, eng, fas, guj, heb, hin, hye, jpn, kor, mar, mya, panGu, rus, tha, ukr, urd, zho } from "stopword";
import { BoundedCache } from "./bounded-cache.js";

/**
 * The one tokenizer behind BM25, answer selection and the word-vector embedder, so that a
 * question and a document always agree on what a word is.
 */

// Words that carry no topic in a question ("why does…", "tell me…") on top of the usual list.
const QUESTION_WORDS = ["why", "when", "whom", "whose", "does", "doing", "done", "tell", "describe", "explain", "say", "says", "please", "kind", "give", "list", "name", "today"];
/**
 * The lists of languages written in other scripts: none of their words can be an English one,
 * so "の", "的" and "и" go like "the" without touching any English text. Latin-script languages'
 * lists are left out for that reason ("war", "die" and "son" are German, French… and English).
 */
const OTHER_SCRIPTS = [ara, ben, bul, ell, fas, guj, heb, hin, hye, jpn, kor, mar, mya, panGu, rus, tha, ukr, urd, zho]
  .flat()
  .filter((word) => !/\p{Script=Latin}/u.test(word));
export const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...QUESTION_WORDS, "s", "t", ...OTHER_SCRIPTS]);

/**
 * A word: letters and digits, with the combining marks that are part of them (Hindi's vowel
 * signs, a dot no precomposed letter carries), joined across "." "," and apostrophes.
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{Mn}\p{Mc}]*(?:[.,'’][\p{L}\p{N}][\p{L}\p{N}\p{Mn}\p{Mc}]*)*/gu;

/** Emoji and variation selectors say how to draw a character, not what it is: "1️⃣" is "1". */
const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Scripts written without spaces between words: a run of them is cut into words by a dictionary. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * ICU's word breaker (Node's full ICU, the Worker's too): dictionaries for Chinese, Japanese,
 * Thai, Lao, Khmer and Burmese whatever the locale, so "富士山は日本で一番高い山です" is
 * 富士 山 は 日本 で 一番 高い 山 です, as a reader would cut it, not one "word".
 */
const wordBreaker = new Intl.Segmenter(undefined, { granularity: "word" });

function unspacedWords(run: string): string[] {
  return [...wordBreaker.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/**
 * Lower-cased word and number tokens; "18.1" and "2,000" stay whole, "Japan's" → "japan";
 * Turkish "İstanbul" is "istanbul" (lower-casing İ leaves i and a combining dot).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // ASCII needs none of what follows (NFKC leaves it as it is; it holds no dotted İ, variation
  // selector or unspaced script), and most text is ASCII: every answer unit is tokenized at /ask,
  // and the scripts' handling had made tokenizing twice as slow. The tokens are the same either
  // way (checked over every text in datasets/, seeds/ and tests/: 83,184 of them).
  if (ASCII.test(text)) {
    for (const match of text.toLowerCase().matchAll(TOKEN)) pushWordTokens(tokens, match[0]);
    return tokens;
  }
  const lowered = text.normalize("NFKC").toLowerCase().replace(/i\u0307/g, "i").replace(VARIATION_SELECTORS, "");
  for (const match of lowered.matchAll(TOKEN)) {
    // A Latin word or a number glued to Chinese or Japanese ("4,000億", "Japan's防衛省") is cut
    // off by the word breaker, then read as any other.
    const words = UNSPACED.test(match[0]) ? unspacedWords(match[0]) : [match[0]];
    for (const word of words) {
      if (UNSPACED.test(word)) tokens.push(word);
      else pushWordTokens(tokens, word);
    }
  }
  return tokens;
}

const ASCII = /^[\x00-\x7f]*$/;

/** One word or number's tokens, onto `tokens`: "Japan's" → japan, "2,000" → 2000, "a,b" → a, b. */
function pushWordTokens(tokens: string[], word: string): void {
  // Most words hold no apostrophe or comma: left as they are, without a regex's copy.
  const token = /['’]/.test(word) ? word.replace(/['’]s$/, "").replace(/['’]/g, "") : word;
  if (!token.includes(",")) tokens.push(token);
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(token)) tokens.push(token.replace(/,/g, ""));
  else tokens.push(...token.split(","));
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
