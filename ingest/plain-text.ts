import { isRuleLine, paragraphKind } from "../src/text/paragraph-kind.js";
import type { Paragraph } from "../src/types.js";
import { hashText } from "./hash.js";

/**
 * How a plain-text file is cut into paragraphs (Markdown is parsed instead: ingest/markdown.ts):
 * - "lines": every non-empty line is a paragraph (how the seeds and most exported articles read).
 * - "blocks": a blank-line-separated block is a paragraph (hard-wrapped text); inside a block,
 *   each list item and each table row is a paragraph of its own, so a citation can point at the
 *   exact item. A block indented CODE_INDENT columns inside the text's margin is code.
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

/** A line longer than this was not wrapped at a fixed width (wrapping is at 72–80 columns). */
const WRAP_WIDTH = 100;
/**
 * How many of a hard-wrapped text's lines may still run longer: a copyright line or a URL that
 * could not be wrapped. Measured on this machine's docs: hard-wrapped files with such lines have
 * 0.4–4.9 % of them (the fonts' licences mdBook ships, 1 of 75; git's release notes; yq's help),
 * texts of one paragraph a line (the seeds) 44–100 %. With no line allowed, one 224-character
 * copyright line had a licence read line by line, each wrapped line a "heading".
 */
const LONG_LINES_SHARE = 0.1;

/**
 * Plain text is read line-per-paragraph unless it looks hard-wrapped: blank lines separate
 * blocks, and lines inside blocks are short (wrapped at a fixed width, WRAP_WIDTH).
 */
export function ruleFor(text: string): ParagraphRule {
  const lines = splitLines(text).map((l) => l.text);
  const nonEmpty = lines.filter((l) => l.trim() !== "");
  if (nonEmpty.length < 4) return "lines";
  const wrappedBlockLines = lines.filter((_, i) => isWrappedLine(lines, i)).length;
  const longLines = nonEmpty.filter((l) => l.length > WRAP_WIDTH).length;
  const hasBlankLines = lines.slice(0, -1).some((l, i) => l.trim() === "" && i > 0);
  return hasBlankLines && longLines <= nonEmpty.length * LONG_LINES_SHARE && wrappedBlockLines >= nonEmpty.length / 3 ? "blocks" : "lines";
}

/** A line's indentation in columns, a tab reaching the next multiple of 8 (as terminals show it). */
function indentation(line: string): number {
  let column = 0;
  for (const c of line) {
    if (c === " ") column++;
    else if (c === "\t") column += 8 - (column % 8);
    else break;
  }
  return column;
}

/**
 * How much deeper than the file's own text a block must be indented to be code: four columns, the
 * indented code block of Markdown (CommonMark §4.4) and the habit of the hard-wrapped docs it comes
 * from (util-linux's howto-build-sys.txt indents its Makefile samples by a tab).
 */
const CODE_INDENT = 4;

/** The indentation most of a file's non-empty lines have: its text's own margin. */
function textMargin(lines: Line[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) {
    if (l.text.trim() === "") continue;
    const indent = indentation(l.text);
    counts.set(indent, (counts.get(indent) ?? 0) + 1);
  }
  let margin = 0;
  let most = 0;
  for (const [indent, count] of counts) if (count > most || (count === most && indent < margin)) [margin, most] = [indent, count];
  return margin;
}

/**
 * Indented prose ends as prose does, with a full stop or the colon that introduces what follows
 * (dpkg's triggers.txt quotes policy text indented; util-linux's howto-tests.txt indents "for
 * example:"); a code sample seldom does.
 */
const ENDS_AS_PROSE = /[.:]$/;

/** A block every line of which sits CODE_INDENT columns or more inside the text's margin, not ending as prose: a code sample. */
function isIndentedCode(group: Line[], margin: number): boolean {
  return (
    group.every((l) => indentation(l.text) >= margin + CODE_INDENT && !startsOwnParagraph(l.text)) &&
    !ENDS_AS_PROSE.test(group[group.length - 1]!.text.trimEnd())
  );
}

function makeParagraph(file: string, n: number, text: string, first: Line, last: Line, code = false): Paragraph {
  const body = text.slice(first.start, last.end);
  // Trim surrounding whitespace but keep offsets exact; code keeps its first line's indentation,
  // so that its lines stay aligned with one another.
  const lead = code ? 0 : body.length - body.trimStart().length;
  const trimmed = code ? body.trimEnd() : body.trim();
  return {
    file,
    n,
    line: first.number,
    endLine: last.number,
    start: first.start + lead,
    end: first.start + lead + trimmed.length,
    text: trimmed,
    kind: code ? "code" : paragraphKind(trimmed),
    hash: hashText(trimmed),
  };
}

/** Cuts plain text into numbered paragraphs by its rule (lines, or blocks when hard-wrapped). */
export function splitPlainText(file: string, text: string, rule: ParagraphRule = ruleFor(text)): Paragraph[] {
  const lines = splitLines(text);
  const margin = rule === "blocks" ? textMargin(lines) : 0;
  const paragraphs: Paragraph[] = [];
  let group: Line[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const code = rule === "blocks" && isIndentedCode(group, margin);
    paragraphs.push(makeParagraph(file, paragraphs.length + 1, text, group[0]!, group[group.length - 1]!, code));
    group = [];
  };
  for (const line of lines) {
    if (line.text.trim() === "") {
      flush();
    } else if (rule === "lines") {
      group.push(line);
      flush();
    } else {
      // A rule line, as Markdown reads one: under a block's first line, that line's underline (a
      // title, kept with it); anywhere else a rule of its own (a licence's title framed by "-----"
      // lines had been one "list item": now a rule, then the title underlined). Not indented code.
      const rule = isRuleLine(line.text) && indentation(line.text) < margin + CODE_INDENT;
      const underline = rule && group.length === 1;
      if (startsOwnParagraph(line.text) || (rule && !underline)) flush();
      group.push(line);
      if (HEADING.test(line.text) || TABLE_ROW.test(line.text) || rule) flush();
    }
  }
  flush();
  return paragraphs;
}
