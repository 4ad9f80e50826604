import type { Answer } from "../types.js";

/** A quote is valid only as an exact, non-empty substring of the paragraph it cites. */
export function verifyQuote(quote: string, paragraphText: string): boolean {
  return quote.trim().length > 0 && paragraphText.includes(quote);
}

export type ParagraphLookup = (file: string, paragraph: number) => string | undefined;

/** The lookup over a document reader (a service's `document`, an index's `byFile.get`): ¶n is the nth paragraph. */
export function paragraphLookup(document: (file: string) => readonly { text: string }[] | undefined): ParagraphLookup {
  return (file, n) => document(file)?.[n - 1]?.text;
}

/**
 * Everything that makes an answer trustworthy, checked in code: every sentence carries a
 * marker, every marker resolves to a citation, every citation is cited and quotes its paragraph
 * verbatim. Returns the problems found (none = valid).
 */
export function answerProblems(answer: Answer, lookup: ParagraphLookup): string[] {
  const problems: string[] = [];
  if (answer.abstained) {
    if (answer.citations.length) problems.push("an abstention carries citations");
    return problems;
  }
  const numbers = new Set(answer.citations.map((c) => c.n));
  const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  for (const n of markers) if (!numbers.has(n)) problems.push(`marker [${n}] has no citation`);
  for (const c of answer.citations) {
    if (!markers.includes(c.n)) problems.push(`citation ${c.n} is never cited`);
    const text = lookup(c.file, c.paragraph);
    if (text === undefined) problems.push(`citation ${c.n} points at a missing paragraph ${c.file} ¶${c.paragraph}`);
    else if (!verifyQuote(c.quote, text)) problems.push(`citation ${c.n} is not verbatim in ${c.file} ¶${c.paragraph}`);
  }
  for (const sentence of answerSentences(answer.answer)) {
    if (!/\[\d+\]/.test(sentence)) problems.push(`sentence without a citation: "${sentence}"`);
  }
  return problems;
}

/**
 * Markers and what citedSentence keeps after them, which closes their sentence: the stops ("?!",
 * "…", Chinese and Japanese ones) and closing quotes or brackets ("。」", ".”").
 */
export const MARKERS_AND_STOP = /(?:\s*\[\d+\])+(?:[.!?…。！？．]+["”’)」』）]*)?/g;

/**
 * The answer's sentences, each ending at its citation marker(s): text after the last marker
 * comes back as a sentence of its own (without a marker), which answerProblems reports.
 */
export function answerSentences(text: string): string[] {
  const sentences: string[] = [];
  let from = 0;
  for (const m of text.matchAll(MARKERS_AND_STOP)) {
    sentences.push(text.slice(from, m.index! + m[0].length).trim());
    from = m.index! + m[0].length;
  }
  if (text.slice(from).trim()) sentences.push(text.slice(from).trim());
  return sentences;
}
