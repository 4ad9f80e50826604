import type { IndexedParagraph } from "../index-store/load.js";
import { listItemBody, paragraphKind, tableCells } from "../text/paragraph-kind.js";
import { splitSentences } from "../text/sentences.js";

/**
 * An answer unit: the smallest quotable piece of a paragraph that can stand as one sentence of
 * an answer — a sentence of prose, a list item, a table row, a whole code block.
 */
export interface AnswerUnit {
  paragraph: IndexedParagraph;
  /** Verbatim text of the paragraph (what the citation quotes). */
  quote: string;
  /** How the unit reads in the answer (a table row is spelled out with its header). */
  display: string;
  /**
   * Text around the unit that gives it meaning, with how much it counts: a list item or table
   * row leans on its lead-in and section; a sentence less so on the rest of its paragraph.
   */
  around: { text: string; weight: number }[];
  /** A list item or table row: a fragment whose meaning includes its chunk context. */
  fragment: boolean;
  /** Position among the paragraph's units (sentence number), for keeping neighbours together. */
  index: number;
}

/**
 * How much of a question word a list item or table row earns when only its lead-in or section
 * holds the word (the `coverAround` feature, weighed by the learned ranker). Set by hand in the
 * first round (commit 2bc3ef3); 0.5 and 1 retrained in full did no better (1: 6 questions lost, 5
 * gained of 477 end to end; BENCHMARKS.md, "Hand-set constants retrained").
 */
const LEAN_ON_CONTEXT = 0.8;
/**
 * Code says what it does in identifiers, not in the question's words; the prose that introduces
 * it ("To read a query parameter, use request.query:") says it for the code, so its context
 * counts in full. Chosen so that the fixture's how-to question is answered with the code block
 * and its introducing sentence (tests/markdown.test.ts), not the sentence alone.
 */
const CODE_LEANS_ON_INTRO = 1;
/**
 * The same for a sentence of prose, whose paragraph and section hold the word. Set by hand in the
 * first round; 0.15 and 0.6 retrained in full did no better (0.15: 14 lost, 15 gained of 477;
 * BENCHMARKS.md, "Hand-set constants retrained").
 */
const LEAN_ON_PARAGRAPH = 0.35;

/**
 * Longest answer unit, in characters. The longest sentence in every corpus we train or evaluate
 * on (the seeds, SQuAD's articles, eight docs folders) has 698; a "sentence" longer than this is a
 * line with no sentence ends (a log, a one-line dump: a 6.4 MB line was quoted whole as an
 * answer), cut at spaces into pieces no longer, each still verbatim text of its paragraph.
 */
const MAX_UNIT_CHARS = 1000;
/**
 * Pieces kept of one such line: 20,000 characters. The rest is not answered from (every piece is
 * weighed for every question that retrieves the paragraph), though it is still searched and shown.
 */
const MAX_PIECES = 20;

/** A sentence as answer units: itself, or an over-long one cut at spaces (see MAX_UNIT_CHARS). */
function unitTexts(sentence: string): string[] {
  if (sentence.length <= MAX_UNIT_CHARS) return [sentence];
  const pieces: string[] = [];
  let rest = sentence;
  while (rest && pieces.length < MAX_PIECES) {
    if (rest.length <= MAX_UNIT_CHARS) {
      pieces.push(rest);
      break;
    }
    const space = rest.lastIndexOf(" ", MAX_UNIT_CHARS);
    const cut = space > 0 ? space : MAX_UNIT_CHARS;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return pieces;
}

/** A text's sentences as answer-unit texts, in order. */
const sentenceUnits = (text: string) => splitSentences(text).flatMap((s) => unitTexts(s.text));

function tableHeader(context: string): string[] | null {
  const header = context.split("\n").find((line) => paragraphKind(line) === "table-row");
  return header ? tableCells(header) : null;
}

/**
 * "Malaysia — Primary Japanese Initiative: Diving Support Vessels; Strategic Objective: …".
 * An empty cell (a merged cell's other rows, a blank column) says nothing and is left out, rather
 * than read as "Region: ;".
 */
export function describeTableRow(cells: string[], header: string[] | null): string {
  if (!header || header.length !== cells.length) return cells.filter(Boolean).join("; ");
  const [first, ...rest] = cells;
  const labelled = rest.flatMap((cell, i) => (cell ? [header[i + 1] ? `${header[i + 1]}: ${cell}` : cell] : [])).join("; ");
  return [first, labelled].filter(Boolean).join(" — ");
}

export function answerUnits(paragraph: IndexedParagraph): AnswerUnit[] {
  const { text, kind, context } = paragraph;
  if (kind === "code") {
    // Code is answered whole: a piece of it would not run, and its "sentences" are not sentences.
    return [{ paragraph, quote: text, display: text, around: [{ text: context, weight: CODE_LEANS_ON_INTRO }], fragment: true, index: 0 }];
  }
  if (kind === "table-row") {
    // Its own cells where the text cannot tell them apart (a cell holding "|": see tableRow).
    const display = describeTableRow(paragraph.cells ?? tableCells(text), tableHeader(context));
    if (!display) return [];
    return [{ paragraph, quote: text, display, around: [{ text: context, weight: LEAN_ON_CONTEXT }], fragment: true, index: 0 }];
  }
  if (kind === "list-item") {
    const body = listItemBody(text);
    const around = [{ text: context, weight: LEAN_ON_CONTEXT }];
    // A long item may hold several sentences; each is a unit, so each answer sentence gets its marker.
    return sentenceUnits(body).map((s, index) => ({ paragraph, quote: s, display: s, around, fragment: true, index }));
  }
  if (kind !== "prose") return [];
  return sentenceUnits(text).map((s, index) => ({
    paragraph,
    quote: s,
    display: s,
    // The whole paragraph (the sentence's own words count in full anyway) and its context: the
    // same two texts for every sentence, so scoring reads each once.
    around: [
      { text, weight: LEAN_ON_PARAGRAPH },
      { text: context, weight: LEAN_ON_PARAGRAPH },
    ],
    fragment: false,
    index,
  }));
}
