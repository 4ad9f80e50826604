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

function leadIn(paragraphs: Paragraph[], kinds: ParagraphKind[], i: number, sameKind: ParagraphKind[]): { first: number; lead: string } {
  let first = i;
  while (first > 0 && sameKind.includes(kinds[first - 1]!)) first--;
  const before = paragraphs[first - 1];
  return { first, lead: before ? lastSentence(before.text) : "" };
}

function headingAbove(kinds: ParagraphKind[], i: number): number {
  let heading = i - 1;
  while (heading >= 0 && kinds[heading] !== "heading") heading--;
  return heading;
}

/** The heading above paragraph i and the first sentence of the prose under it: what the section is about. */
function sectionTopic(paragraphs: Paragraph[], kinds: ParagraphKind[], i: number, before: number): string[] {
  const heading = headingAbove(kinds, i);
  const topic: string[] = [];
  if (heading >= 0) topic.push(paragraphs[heading]!.text);
  const firstProse = kinds.findIndex((k, j) => j > heading && k === "prose");
  if (firstProse >= 0 && firstProse < before) topic.push(firstSentence(paragraphs[firstProse]!.text));
  return topic;
}

function contextFor(paragraphs: Paragraph[], kinds: ParagraphKind[], i: number): string {
  const kind = kinds[i]!;
  const text = paragraphs[i]!.text;
  if (kind === "list-item") {
    const { first, lead } = leadIn(paragraphs, kinds, i, ["list-item"]);
    return [...sectionTopic(paragraphs, kinds, i, first - 1), lead].filter(Boolean).join("\n");
  }
  if (kind === "table-row" || kind === "table-rule") {
    const { first, lead } = leadIn(paragraphs, kinds, i, ["table-row", "table-rule"]);
    const header = first < i ? paragraphs[first]!.text : "";
    return [...sectionTopic(paragraphs, kinds, i, first - 1), lead, header].filter(Boolean).join("\n");
  }
  if (kind === "code") {
    // "To read a query parameter, use request.query:" is what the code answers; the paragraph
    // before the code (past any code right above it) introduces it.
    let intro = i - 1;
    while (intro >= 0 && kinds[intro] === "code") intro--;
    const heading = headingAbove(kinds, i);
    const lead = intro > heading && kinds[intro] !== "heading" ? paragraphs[intro]!.text : "";
    return [heading >= 0 ? paragraphs[heading]!.text : "", lead].filter(Boolean).join("\n");
  }
  if (kind === "heading") {
    const next = paragraphs[i + 1];
    return next ? firstSentence(next.text) : "";
  }
  // Prose carries its section's heading ("The Digital Corridor…" scopes the paragraphs under it),
  // and a short line the sentence before it.
  const heading = headingAbove(kinds, i);
  const previous = text.split(/\s+/).length < SHORT_WORDS && i > 0 ? lastSentence(paragraphs[i - 1]!.text) : "";
  const title = heading >= 0 ? paragraphs[heading]!.text : "";
  return [...new Set([title, previous])].filter(Boolean).join("\n");
}

export function buildChunks(paragraphs: Paragraph[]): Chunk[] {
  const kinds = paragraphs.map((p) => p.kind);
  return paragraphs.map((paragraph, i) => {
    const context = contextFor(paragraphs, kinds, i);
    const text = context ? `${context}\n${paragraph.text}` : paragraph.text;
    return { paragraph, kind: kinds[i]!, context, text, hash: hashText(text) };
  });
}
