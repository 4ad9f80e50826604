import { paragraphKind } from "../src/text/paragraph-kind.js";
import type { Paragraph } from "../src/types.js";
import { hashText } from "./hash.js";

/**
 * How a plain-text file is cut into paragraphs (Markdown is parsed instead: ingest/markdown.ts):
 * - "lines": every non-empty line is a paragraph (how the seeds and most exported articles read).
 * - "blocks": a blank-line-separated block is a paragraph (hard-wrapped text); inside a block,
 *   each list item and each table row is a paragraph of its own, so a citation can point at the
 *   exact item.
 */
export type ParagraphRule = "lines" | "blocks";

interface Line {
  text: string;
  start: number;
  end: number;
  number: number;
}

/** A line break: CRLF, LF, or the lone CR of old Mac files (which would otherwise be one line). */
const LINE_BREAK = /\r\n|\n|\r/g;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  for (const match of text.matchAll(LINE_BREAK)) {
    lines.push({ text: text.slice(start, match.index), start, end: match.index, number: number++ });
    start = match.index + match[0].length;
  }
  lines.push({ text: text.slice(start), start, end: text.length, number });
  return lines;
}

const LIST_ITEM = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+\S/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s/;

/** A Markdown/hard-wrapped line that starts a paragraph of its own inside a block. */
function startsOwnParagraph(line: string): boolean {
  return LIST_ITEM.test(line) || TABLE_ROW.test(line) || HEADING.test(line);
}

/**
 * A line that reads as wrapped text: it shares its block with the line before or after it and
 * does not start a paragraph of its own. The line before counts too, so a list item's wrapped
 * continuation (" - item that runs on" / "   to a second line", then a blank line) is wrapping:
 * counted only when a line followed, a list of one- and two-line items (util-linux's
 * howto-build-sys.txt) fell below the bar and was read line by line, each continuation a "heading".
 */
function isWrappedLine(lines: string[], i: number): boolean {
  const filled = (at: number) => (lines[at] ?? "").trim() !== "";
  return filled(i) && (filled(i - 1) || filled(i + 1)) && !startsOwnParagraph(lines[i]!);
}

/**
 * Plain text is read line-per-paragraph unless it looks hard-wrapped: blank lines separate
 * blocks, and lines inside blocks are short (wrapped at a fixed width, ≤ 100 characters).
 */
export function ruleFor(text: string): ParagraphRule {
  const lines = splitLines(text).map((l) => l.text);
  const nonEmpty = lines.filter((l) => l.trim() !== "");
  if (nonEmpty.length < 4) return "lines";
  const wrappedBlockLines = lines.filter((_, i) => isWrappedLine(lines, i)).length;
  // A loop, not Math.max(...spread): a spread of 130,000 lines overflows the call stack.
  let longest = 0;
  for (const l of nonEmpty) longest = Math.max(longest, l.length);
  const hasBlankLines = lines.slice(0, -1).some((l, i) => l.trim() === "" && i > 0);
  return hasBlankLines && longest <= 100 && wrappedBlockLines >= nonEmpty.length / 3 ? "blocks" : "lines";
}

function makeParagraph(file: string, n: number, text: string, first: Line, last: Line): Paragraph {
  const body = text.slice(first.start, last.end);
  // Trim surrounding whitespace but keep offsets exact.
  const lead = body.length - body.trimStart().length;
  const trimmed = body.trim();
  return {
    file,
    n,
    line: first.number,
    endLine: last.number,
    start: first.start + lead,
    end: first.start + lead + trimmed.length,
    text: trimmed,
    kind: paragraphKind(trimmed),
    hash: hashText(trimmed),
  };
}

/** Cuts plain text into numbered paragraphs by its rule (lines, or blocks when hard-wrapped). */
export function splitPlainText(file: string, text: string, rule: ParagraphRule = ruleFor(text)): Paragraph[] {
  const lines = splitLines(text);
  const paragraphs: Paragraph[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (group.length === 0) return;
    paragraphs.push(makeParagraph(file, paragraphs.length + 1, text, group[0]!, group[group.length - 1]!));
    group = [];
  };
  for (const line of lines) {
    if (line.text.trim() === "") {
      flush();
    } else if (rule === "lines") {
      group.push(line);
      flush();
    } else {
      if (startsOwnParagraph(line.text)) flush();
      group.push(line);
      if (HEADING.test(line.text) || TABLE_ROW.test(line.text)) flush();
    }
  }
  flush();
  return paragraphs;
}
