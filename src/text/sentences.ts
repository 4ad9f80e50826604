export interface Span {
  text: string;
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * V8's sentence segmenter slows with the length of the whole string it walks, not the sentence:
 * valgrind's release notes (one 212,538-character paragraph) took 2 s in one piece and 10 ms in
 * pieces of 20,000 characters, on every question that retrieved them. So long text is walked in
 * windows of this many characters, each restarting where the one before had its second-last
 * sentence begin: the last two, which the window's edge may have cut or decided without the text
 * after it, are read again in the next. (Checked equal to one walk over 121,830 texts — every
 * paragraph and whole file of the seeds, SQuAD and datasets/, and util-linux's, git's and
 * Node.js's docs here — and 5,684 paragraphs of two HTML manuals; tests/sentences.test.ts.)
 */
const WINDOW = 10_000;

function* sentenceSegments(text: string): Generator<{ segment: string; index: number }> {
  let offset = 0;
  let size = WINDOW;
  while (offset < text.length) {
    const end = Math.min(text.length, offset + size);
    if (end === text.length) {
      // The rest fits (for most paragraphs, the whole of them): walked as it is, no copy kept.
      for (const p of segmenter.segment(offset === 0 ? text : text.slice(offset))) yield { segment: p.segment, index: offset + p.index };
      return;
    }
    const pieces = [...segmenter.segment(text.slice(offset, end))];
    if (pieces.length < 3) {
      size *= 2; // one sentence longer than the window: widen it
      continue;
    }
    const restart = pieces[pieces.length - 2]!.index;
    for (const p of pieces.slice(0, -2)) yield { segment: p.segment, index: offset + p.index };
    offset += restart;
    size = WINDOW;
  }
}

/**
 * ICU ends a sentence at every line break (its rule SB4), but a line break inside one paragraph is
 * where a hard-wrapped line was cut ("…in your libc\n\t(e.g. glibc). These…"): segmented as
 * spaces, one for one, so offsets and slices are the source's.
 */
const unwrapped = (source: string) => source.replace(/[\r\n\u2028\u2029]/g, " ");

/**
 * Sentences of a paragraph as exact, whitespace-trimmed slices (text === source.slice(start, end)).
 * A piece joined to the sentence before only moves its end; the texts are sliced once at the end
 * (slicing the growing sentence at every join is quadratic in a long run of joined pieces).
 */
export function splitSentences(source: string): Span[] {
  const spans: { start: number; end: number }[] = [];
  // What the regexes below read of the sentence before: its last few characters.
  const endOf = (span: { start: number; end: number }) => source.slice(Math.max(span.start, span.end - 4), span.end);
  for (const { segment: flat, index } of sentenceSegments(unwrapped(source))) {
    const segment = source.slice(index, index + flat.length);
    const lead = segment.length - segment.trimStart().length;
    const text = segment.trim();
    if (text === "") continue;
    const start = index + lead;
    const previous = spans[spans.length - 1];
    // ICU breaks inside a reference mark that follows a sentence's end ("…or later.[" | "1] It
    // runs…"): the mark belongs to the sentence before; the rest, if any, is a sentence of its own.
    const mark = previous && /[.!?]\[$/.test(endOf(previous)) ? /^\d{1,4}\]/.exec(text) : null;
    if (previous && mark) {
      previous.end = start + mark[0].length;
      const rest = text.slice(mark[0].length);
      const restLead = rest.length - rest.trimStart().length;
      if (rest.trim()) spans.push({ start: previous.end + restLead, end: start + text.length });
      continue;
    }
    if (previous && (continuesSentence(endOf(previous), text) || cutInsideToken(previous, start, endOf(previous)))) {
      previous.end = start + text.length;
    } else {
      spans.push({ start, end: start + text.length });
    }
  }
  return spans.map(({ start, end }) => ({ text: source.slice(start, end), start, end }));
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
const cutInsideToken = (previous: { end: number }, start: number, endText: string) => start === previous.end && /[.!?]$/.test(endText);

export function firstSentence(text: string): string {
  return splitSentences(text)[0]?.text ?? text;
}

export function lastSentence(text: string): string {
  return splitSentences(text).at(-1)?.text ?? text;
}
