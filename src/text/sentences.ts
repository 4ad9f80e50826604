export interface Span {
  text: string;
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * ICU ends a sentence at every line break (its rule SB4), but a line break inside one paragraph is
 * where a hard-wrapped line was cut ("…in your libc\n\t(e.g. glibc). These…"): segmented as
 * spaces, one for one, so offsets and slices are the source's.
 */
const unwrapped = (source: string) => source.replace(/[\r\n\u2028\u2029]/g, " ");

/** Sentences of a paragraph as exact, whitespace-trimmed slices (text === source.slice(start, end)). */
export function splitSentences(source: string): Span[] {
  const spans: Span[] = [];
  for (const { segment: flat, index } of segmenter.segment(unwrapped(source))) {
    const segment = source.slice(index, index + flat.length);
    const lead = segment.length - segment.trimStart().length;
    const text = segment.trim();
    if (text === "") continue;
    const start = index + lead;
    const previous = spans[spans.length - 1];
    // ICU breaks inside a reference mark that follows a sentence's end ("…or later.[" | "1] It
    // runs…"): the mark belongs to the sentence before; the rest, if any, is a sentence of its own.
    const mark = previous && /[.!?]\[$/.test(previous.text) ? /^\d{1,4}\]/.exec(text) : null;
    if (previous && mark) {
      previous.end = start + mark[0].length;
      previous.text = source.slice(previous.start, previous.end);
      const rest = text.slice(mark[0].length);
      const restLead = rest.length - rest.trimStart().length;
      if (rest.trim()) spans.push({ text: rest.trim(), start: previous.end + restLead, end: start + text.length });
      continue;
    }
    if (previous && (continuesSentence(previous.text, text) || cutInsideToken(previous, start))) {
      previous.end = start + text.length;
      previous.text = source.slice(previous.start, previous.end);
    } else {
      spans.push({ text, start, end: start + text.length });
    }
  }
  return spans;
}

/**
 * Pieces ICU cuts off that are no sentence of their own: after "U.S." or "No." a lower-case word;
 * a piece without a letter, a changelog's "(#11071)" or a bare "(2)", which refers to the sentence
 * before; the rest of a shebang, "#!" | "/usr/bin/env node".
 */
function continuesSentence(previous: string, piece: string): boolean {
  return /^[a-z]/.test(piece) || !/\p{L}/u.test(piece) || /#!$/.test(previous);
}

/** A cut with no space after a full stop is inside a token, not between sentences: `"request.**.expect"`. */
const cutInsideToken = (previous: Span, start: number) => start === previous.end && /[.!?]$/.test(previous.text);

export function firstSentence(text: string): string {
  return splitSentences(text)[0]?.text ?? text;
}

export function lastSentence(text: string): string {
  return splitSentences(text).at(-1)?.text ?? text;
}
