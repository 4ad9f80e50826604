/**
 * Finding a model's quote in its source. Verbatim means verbatim, except for what a model cannot
 * see or reliably reproduce in plain text: straight vs curly quotes and apostrophes, the kind of
 * dash, and runs of whitespace (line breaks inside a paragraph). Nothing else is forgiven: not
 * case, not spelling, not an elision ("…"), not a missing word.
 */

const SINGLE_QUOTES = /[‘’‚‛′`´]/;
const DOUBLE_QUOTES = /[“”„‟″«»]/;
const DASHES = /[‐‑‒–—―−]/;

function canonicalChar(c: string): string {
  if (SINGLE_QUOTES.test(c)) return "'";
  if (DOUBLE_QUOTES.test(c)) return '"';
  if (DASHES.test(c)) return "-";
  return c;
}

/** The text normalised, with where each normalised character starts and ends in the original. */
function normalised(text: string): { text: string; from: number[]; to: number[] } {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const space = /\s+/y;
    space.lastIndex = i;
    const run = space.exec(text);
    if (run) {
      out += " ";
      from.push(i);
      to.push(i + run[0].length);
      i += run[0].length;
      continue;
    }
    const c = String.fromCodePoint(text.codePointAt(i)!);
    out += canonicalChar(c);
    for (let k = 0; k < canonicalChar(c).length; k++) {
      from.push(i);
      to.push(i + c.length);
    }
    i += c.length;
  }
  return { text: out, from, to };
}

/**
 * Shorter quotes are found by chance in most paragraphs ("of the", "it is"), so they would
 * verify nothing; three words is the shortest span the prompt allows (it asks for 3–25).
 */
export const MIN_QUOTE_WORDS = 3;

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * The exact text of the source that the quote copies, or undefined when the source doesn't hold
 * it (after the normalisation above) or the quote is too short to check anything. What a user
 * is shown is always this substring of the source, never the model's spelling of it.
 */
export function sourceTextOfQuote(quote: string, source: string): string | undefined {
  const wanted = normalised(quote.trim()).text.trim();
  if (!wanted) return undefined;
  const haystack = normalised(source);
  const wholeParagraph = wanted === haystack.text.trim();
  if (wordCount(wanted) < MIN_QUOTE_WORDS && !wholeParagraph) return undefined;
  const at = haystack.text.indexOf(wanted);
  if (at === -1) return undefined;
  return source.slice(haystack.from[at], haystack.to[at + wanted.length - 1]);
}
