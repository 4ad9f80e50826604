import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { BoundedCache } from "../text/bounded-cache.js";

/**
 * What kinds of answer a text can give, read by wink-nlp (its English light model: named
 * entities for numbers, money, percentages, dates, times and durations, and part-of-speech tags
 * whose proper nouns are the people, places and organisations a "who"/"where" question wants).
 */
export interface TextEntities {
  /** Cardinals, money, percentages, ordinals: what "how many / how much" wants. */
  numbers: string[];
  /** Dates, times, durations: what "when" wants. */
  times: string[];
  /** Proper nouns, lower-cased: the names a "who/where/which" answer is made of. */
  names: string[];
  /** A negation ("not", "never", "no", "n't", "without"). */
  negated: boolean;
}

const NUMBER_TYPES = new Set(["CARDINAL", "MONEY", "PERCENT", "ORDINAL"]);
const TIME_TYPES = new Set(["DATE", "TIME", "DURATION"]);
const NEGATION = /\b(?:not|never|no|none|nor|neither|without|cannot)\b|n['’]t\b/i;

let nlp: ReturnType<typeof winkNLP> | undefined;

/** Loaded on first use (≈80 ms): servers that never answer a question never pay for it. Shared with follow-up reading. */
export function reader(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model);
  return nlp;
}

export function readEntities(text: string): TextEntities {
  const doc = reader().readDoc(text);
  const its = reader().its;
  const numbers: string[] = [];
  const times: string[] = [];
  for (const e of doc.entities().out(its.detail) as unknown as { value: string; type: string }[]) {
    if (NUMBER_TYPES.has(e.type)) numbers.push(e.value);
    else if (TIME_TYPES.has(e.type)) times.push(e.value);
  }
  const values = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const names = values.filter((_, i) => tags[i] === "PROPN").map((v) => v.toLowerCase());
  return { numbers, times, names, negated: NEGATION.test(text) };
}

/**
 * Paragraph entities remembered by text, bounded so a long-running server's memory stays flat.
 * 20,000 paragraphs hold a docs site's whole corpus several times over (fastify's: 4,140), at a
 * few short strings each; a larger corpus re-reads the paragraphs it first met longest ago.
 */
export function memoizedEntities(limit = 20_000): (text: string) => TextEntities {
  const memo = new BoundedCache<string, TextEntities>(limit);
  return (text) => {
    let e = memo.get(text);
    if (!e) memo.set(text, (e = readEntities(text)));
    return e;
  };
}
