import type { Paragraph } from "../src/types.js";
import type { ParagraphKind } from "../src/text/paragraph-kind.js";
import { firstSentence, lastSentence } from "../src/text/sentences.js";
import { hashText } from "./hash.js";

/**
 * One chunk per paragraph, so no chunk ever cuts a paragraph and every vector points at exactly
 * one citable paragraph. Paragraphs that mean little alone carry a little of their neighbours:
 * a list item or table row its section's heading and topic sentence and its list's lead-in (and
 * a row its table's header), a code block its section's heading and the prose that introduces
 * it, prose its section's heading, a heading the first sentence under it, any other short line
 * the sentence before it.
 */
export interface Chunk {
  paragraph: Paragraph;
  kind: ParagraphKind;
  /** Neighbouring text embedded with the paragraph (not citable). */
  context: string;
  /** What is embedded: context + paragraph. */
  text: string;
  /** Identifies the embedded text, for reusing vectors across ingests. */
  hash: string;
}

const SHORT_WORDS = 12;

/**
 * Where each paragraph stands among its neighbours, each array filled in one pass: walking back to
 * the heading or the list's start for every paragraph made a file of 120,000 list items take a
 * minute (quadratic).
 */
interface Layout {
  kinds: ParagraphKind[];
  /** The last heading before paragraph i, or -1. */
  headingBefore: Int32Array;
  /** The first prose paragraph at or after i, or -1. */
  proseFrom: Int32Array;
  /** Where the run of list items, or of table rows and rules, that i is in begins. */
  runStart: Int32Array;
  /** The last paragraph at or before i that is not code, or -1. */
  lastNonCode: Int32Array;
}

const runOf = (kind: ParagraphKind | undefined) => (kind === "list-item" ? "list" : kind === "table-row" || kind === "table-rule" ? "table" : undefined);

function layoutOf(kinds: ParagraphKind[]): Layout {
  const n = kinds.length;
  const headingBefore = new Int32Array(n);
  const proseFrom = new Int32Array(n);
  const runStart = new Int32Array(n);
  const lastNonCode = new Int32Array(n);
  let heading = -1;
  for (let i = 0; i < n; i++) {
    headingBefore[i] = heading;
    if (kinds[i] === "heading") heading = i;
    const run = runOf(kinds[i]);
    runStart[i] = run && i > 0 && runOf(kinds[i - 1]) === run ? runStart[i - 1]! : i;
    lastNonCode[i] = kinds[i] !== "code" ? i : i > 0 ? lastNonCode[i - 1]! : -1;
  }
  let prose = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (kinds[i] === "prose") prose = i;
    proseFrom[i] = prose;
  }
  return { kinds, headingBefore, proseFrom, runStart, lastNonCode };
}

/**
 * A code block has lines, not sentences: its first or last line that says something (a letter or
 * digit; not a lone "}" or "];") stands for its first or last sentence.
 */
const meaningfulLines = (text: string) => text.split("\n").map((line) => line.trim()).filter((line) => /[\p{L}\p{N}]/u.test(line));
const openingOf = (p: Paragraph) => (p.kind === "code" ? (meaningfulLines(p.text)[0] ?? "") : firstSentence(p.text));
const closingOf = (p: Paragraph) => (p.kind === "code" ? (meaningfulLines(p.text).at(-1) ?? "") : lastSentence(p.text));

/** Where paragraph i's list (or table) begins, and the last sentence before it: the list's lead-in. */
function leadIn(paragraphs: Paragraph[], layout: Layout, i: number): { first: number; lead: string } {
  const first = layout.runStart[i]!;
  const before = paragraphs[first - 1];
  return { first, lead: before ? closingOf(before) : "" };
}

/** The heading above paragraph i and the first sentence of the prose under it: what the section is about. */
function sectionTopic(paragraphs: Paragraph[], layout: Layout, i: number, before: number): string[] {
  const heading = layout.headingBefore[i]!;
  const topic: string[] = [];
  if (heading >= 0) topic.push(paragraphs[heading]!.text);
  const firstProse = heading + 1 < paragraphs.length ? layout.proseFrom[heading + 1]! : -1;
  if (firstProse >= 0 && firstProse < before) topic.push(firstSentence(paragraphs[firstProse]!.text));
  return topic;
}

function contextFor(paragraphs: Paragraph[], layout: Layout, i: number): string {
  const kind = layout.kinds[i]!;
  const text = paragraphs[i]!.text;
  if (kind === "list-item") {
    const { first, lead } = leadIn(paragraphs, layout, i);
    return [...sectionTopic(paragraphs, layout, i, first - 1), lead].filter(Boolean).join("\n");
  }
  if (kind === "table-row" || kind === "table-rule") {
    const { first, lead } = leadIn(paragraphs, layout, i);
    const header = first < i ? paragraphs[first]!.text : "";
    return [...sectionTopic(paragraphs, layout, i, first - 1), lead, header].filter(Boolean).join("\n");
  }
  if (kind === "code") {
    // "To read a query parameter, use request.query:" is what the code answers; the paragraph
    // before the code (past any code right above it) introduces it.
    const intro = i > 0 ? layout.lastNonCode[i - 1]! : -1;
    const heading = layout.headingBefore[i]!;
    const lead = intro > heading && layout.kinds[intro] !== "heading" ? paragraphs[intro]!.text : "";
    return [heading >= 0 ? paragraphs[heading]!.text : "", lead].filter(Boolean).join("\n");
  }
  if (kind === "heading") {
    const next = paragraphs[i + 1];
    return next ? openingOf(next) : "";
  }
  // Prose carries its section's heading ("The Digital Corridor…" scopes the paragraphs under it),
  // and a short line the sentence before it.
  const heading = layout.headingBefore[i]!;
  const previous = text.split(/\s+/).length < SHORT_WORDS && i > 0 ? closingOf(paragraphs[i - 1]!) : "";
  const title = heading >= 0 ? paragraphs[heading]!.text : "";
  return [...new Set([title, previous])].filter(Boolean).join("\n");
}

export function buildChunks(paragraphs: Paragraph[]): Chunk[] {
  const layout = layoutOf(paragraphs.map((p) => p.kind));
  return paragraphs.map((paragraph, i) => {
    const context = contextFor(paragraphs, layout, i);
    const text = context ? `${context}\n${paragraph.text}` : paragraph.text;
    return { paragraph, kind: layout.kinds[i]!, context, text, hash: hashText(text) };
  });
}
