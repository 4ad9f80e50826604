import { paragraphKind, type ParagraphKind, tableRow } from "../../src/text/paragraph-kind.js";
import type { Vocabulary } from "./hyphenation.js";
import { tableRows } from "./tables.js";
import { type TextLine, differentSizes, joinLine, largerThan, mainFont, median } from "./text-items.js";

/** A paragraph rebuilt on one page: its text, kind and the page lines it came from (1-based). */
export interface PageParagraph {
  text: string;
  kind: ParagraphKind;
  firstLine: number;
  lastLine: number;
  /** A table row whose cells hold a `|` (see tableRow). */
  cells?: string[];
  /** A code paragraph's lines and its page's code pitch: a block a page break cut is joined again (code-over-pages.ts). */
  code?: CodeLines;
}

export interface CodeLines {
  lines: TextLine[];
  /** The page's code line pitch (see codePitch); null when the page has none to measure. */
  pitch: number | null;
}

/**
 * Where one paragraph ends and the next begins, on lines read in order within a flow:
 * - a vertical gap clearly wider than the page's line spacing (a blank line, paragraph spacing),
 *   or for larger text (a heading on two lines) than its spacing, in proportion to its size;
 * - a change of font size (a heading and the text under it);
 * - a sentence ended on a line well short of the flow's right edge (a paragraph's last line)
 *   when the next line starts a new sentence;
 * - a line the next line's first word would have fit on (see unwrapped);
 * - a list item: its marker apart from its text, or two lines opening with markers at one place.
 */
const PARAGRAPH_GAP = 1.3; // × the page's line spacing: paragraph spacing adds at least a third of a line
const HEADING_SIZE = 1.15; // a line this much larger than the body text is a heading
const SHORT_LINE = 0.8; // a line ending before 80% of the flow's width, after a full stop, ends its paragraph
const LINE_SPACING_PERCENTILE = 0.25; // most gaps are within paragraphs: the lower quartile is the line spacing

function lineSpacing(flows: TextLine[][], bodySize: number): number {
  const gaps = flows.flatMap((lines) => lines.slice(1).map((l, i) => lines[i]!.y - l.y)).filter((g) => g > 0);
  if (gaps.length === 0) return 1.2 * bodySize; // the usual leading when there is nothing to measure
  const sorted = gaps.sort((a, b) => a - b);
  return sorted[Math.floor(LINE_SPACING_PERCENTILE * (sorted.length - 1))]!;
}

/**
 * A list marker ("4.", "b)", "•") set apart from its item's text by more than a word space (0.25–0.33 em):
 * the tab of a hanging indent. LaTeX's enumerate leaves 0.5 em (\labelsep), Word's 0.25 in. indent
 * about 0.9 em after "4." at 11 pt.
 */
const MARKER_GAP = 0.4;
const ITEM_START = /^(?:[-*+•–◦▪]|\d{1,3}[.)]|[a-z][.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\))\s/;
const MARKER = /^(?:[-*+•–◦▪]|\d{1,3}[.)]|[a-z][.)]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})\))$/;

/** Whether a line opens with a list marker standing apart from the text after it. */
function opensWithMarker(line: TextLine): boolean {
  const [marker, next] = line.items.filter((i) => i.str.trim() !== "");
  return !!marker && !!next && MARKER.test(marker.str.trim()) && next.x - (marker.x + marker.width) > MARKER_GAP * line.fontSize;
}

/**
 * Whether the first word of `line` would have fit at the end of `prev`, inside the right `edge`
 * its paragraph wraps at (the widest of its lines so far; the flow's, on its first line): then the
 * producer broke the line, it did not
 * wrap it. A browser draws a bullet as a shape, not text, so a list's items are lines with nothing
 * between them but this; a `<br>` too. The word's width is the share of its item's width its
 * characters take; an em to spare allows for wide letters.
 */
function unwrapped(prev: TextLine, line: TextLine, edge: number): boolean {
  const first = line.items.find((i) => i.str.trim() !== "");
  const word = /^\S+/.exec(line.text)?.[0];
  if (!first || !word || /-$/.test(prev.text)) return false;
  const wordWidth = (first.width * Math.min(word.length, first.str.trim().length)) / first.str.trim().length;
  return prev.right + WORD_SPACE * prev.fontSize + wordWidth + prev.fontSize < edge;
}
const WORD_SPACE = 0.33; // ems: a word space, at its widest unjustified

function breaksBefore(prev: TextLine, line: TextLine, spacing: number, bodySize: number, flowLeft: number, flowRight: number, edge: number): boolean {
  // A list item whose bullet was drawn (a tagged PDF says so: text-items.ts TextLine.opensItem).
  if (line.opensItem) return true;
  // A heading in the code's font and size stands alone (isCodeHeading).
  if (!!prev.codeHeading !== !!line.codeHeading) return true;
  // A heading's lines are set wider apart than the body's, in proportion to its size.
  const scale = Math.max(1, Math.min(prev.fontSize, line.fontSize) / bodySize);
  if (prev.y - line.y > PARAGRAPH_GAP * spacing * scale) return true;
  if (differentSizes(prev.fontSize, line.fontSize)) return true;
  const width = flowRight - flowLeft;
  const endsSentence = /[.!?:]["”’)]?$/.test(prev.text);
  // The next item of a list with a hanging indent, after an item whose last line runs full width.
  if (opensWithMarker(line) && (endsSentence || prev.x > line.x + MARKER_GAP * line.fontSize)) return true;
  if (unwrapped(prev, line, edge)) return true;
  // Two lines in a row opening with a list marker at one place: two items, whatever the gap after
  // the marker; so is a line opening with one to the left of an item's wrapped line (a browser's
  // numbered list: "2." a word space from its text, under "1." and left of its item's lines).
  if (ITEM_START.test(line.text) && (ITEM_START.test(prev.text) ? Math.abs(prev.x - line.x) <= MARKER_GAP * line.fontSize : prev.x > line.x + MARKER_GAP * line.fontSize)) return true;
  return endsSentence && prev.right < flowLeft + SHORT_LINE * width && /^[\p{Lu}\d"“(•–-]/u.test(line.text);
}

/** Lines joined: a word broken at a line's end is mended when it makes sense (hyphenation.ts). */
function joinLines(lines: TextLine[], vocabulary: Vocabulary): string {
  let text = lines[0]!.text;
  for (const line of lines.slice(1)) {
    if (/[A-Za-z]-$/.test(text) && /^[a-z]/.test(line.text)) text = vocabulary.joins(text, line.text) ? text.slice(0, -1) + line.text : text + line.text;
    else text += ` ${line.text}`;
  }
  return text;
}

/**
 * Code: lines set wholly in a fixed-pitch font (PDF.js reads the font's flags; browsers and LaTeX
 * print code so). Consecutive code lines are one block when the gap between them is at most the
 * code's line pitch (the commonest gap between code lines on the page; a code line the browser
 * wrapped is closer) or a whole number of pitches, for blank lines in the code. Two blocks in a row
 * are set a margin apart, which is not a whole number of lines (Chromium: 30 pt between blocks,
 * 18 pt lines, 36 pt over a blank line). A block keeps its lines and, from the characters'
 * positions, its indentation and inner spacing.
 */
export const PITCH_SLACK = 0.2; // of a line pitch: how far from a whole number of lines a gap may be
export const MAX_BLANK_LINES = 3;

function codePitch(flows: TextLine[][], spacing: number): number | null {
  const gaps = flows.flatMap((lines) => lines.slice(1).flatMap((l, i) => (l.monospace && lines[i]!.monospace ? [lines[i]!.y - l.y] : []))).filter((g) => g > 0);
  const counts = new Map<number, number>();
  for (const g of gaps) counts.set(Math.round(g * 2) / 2, (counts.get(Math.round(g * 2) / 2) ?? 0) + 1);
  const [pitch] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [];
  // Wider than a paragraph gap is not a line pitch: one-line blocks in a row, not lines of one.
  return pitch !== undefined && pitch <= PARAGRAPH_GAP * spacing ? pitch : null;
}

/** How many lines down `line` is from `prev` in one code block, or 0 when it starts another. */
function codeLinesDown(prev: TextLine, line: TextLine, pitch: number | null): number {
  if (!pitch || !prev.monospace || !line.monospace) return 0;
  if (differentSizes(prev.fontSize, line.fontSize)) return 0;
  const lines = (prev.y - line.y) / pitch;
  if (lines <= 0) return 0;
  if (lines <= 1 + PITCH_SLACK) return 1;
  const whole = Math.round(lines);
  return whole <= MAX_BLANK_LINES + 1 && Math.abs(lines - whole) <= PITCH_SLACK ? whole : 0;
}

/** The size most of the document's fixed-pitch characters are set in: its code blocks'. */
export function codeSize(lines: TextLine[]): number {
  const sizes = lines.filter((l) => l.monospace).flatMap((l) => Array<number>(l.text.length).fill(l.fontSize));
  return sizes.length ? median(sizes) : Infinity;
}

/** The font most of the document's fixed-pitch characters are set in: its code's regular face. */
export const codeFont = (lines: TextLine[]) => mainFont(lines.filter((l) => l.monospace));

/**
 * A heading set in the code's font at the code's size (an API reference's function name): the text
 * layer does not say a font is bold, but a bold face is a font of its own. A fixed-pitch line set
 * wholly in faces other than the one most of the document's code is set in (`font`), standing
 * alone — no code line a line pitch above or below it — is such a heading. Highlighted code sets
 * its keywords in a bold face too, so a line of keywords alone ("else", "done") after a blank line
 * of a block with no code under it would read as one: rare, and the reason for standing alone.
 */
function isCodeHeading(lines: TextLine[], i: number, font: string | undefined, pitch: number | null): boolean {
  const line = lines[i]!;
  if (!font || !line.monospace || line.items.some((item) => item.font === font && item.str.trim() !== "")) return false;
  const prev = lines[i - 1];
  const next = lines[i + 1];
  return !(prev && codeLinesDown(prev, line, pitch) === 1) && !(next && codeLinesDown(line, next, pitch) === 1);
}

/** A code block's text: its lines, its blank lines, and each character in its column. */
export function codeText(lines: TextLine[], pitch: number | null): string {
  const items = lines.flatMap((l) => l.items.filter((i) => i.str.trim() !== ""));
  const left = Math.min(...items.map((i) => i.x));
  const advance = median(items.map((i) => i.width / i.str.length));
  const rows: string[] = [];
  lines.forEach((line, n) => {
    const prev = lines[n - 1];
    // A line closer than the pitch is a long line the browser wrapped (pandoc's highlighted code
    // sets each line in a box of its own, wrapped lines closer): it runs on, after a space.
    if (prev && pitch && (prev.y - line.y) / pitch < 1 - PITCH_SLACK) {
      rows[rows.length - 1] += ` ${joinLine(line.items).text}`;
      return;
    }
    if (prev) for (let blank = codeLinesDown(prev, line, pitch); blank > 1; blank--) rows.push("");
    let row = "";
    for (const item of line.items.filter((i) => i.str.trim() !== "")) {
      const column = advance > 0 ? Math.round((item.x - left) / advance) : row.length;
      row = row.padEnd(column, " ") + (row.length > column && !/\s$/.test(row) ? " " : "") + item.str.replace(/\s+$/, "");
    }
    rows.push(row.trimEnd());
  });
  return rows.join("\n");
}

/**
 * One page's flows (columns, bands) as paragraphs in reading order; `codeSize`, the size most of
 * the document's code is set in (see codeSize).
 */
export function pageParagraphs(pageFlows: TextLine[][], vocabulary: Vocabulary, codeSize = Infinity, codeFont?: string): PageParagraph[] {
  // A line in a fixed-pitch font set larger than the document's code is a heading in code font.
  const sized = pageFlows.map((lines) => lines.map((l) => (l.monospace && largerThan(l.fontSize, codeSize) ? { ...l, monospace: false } : l)));
  const all = sized.flat();
  if (all.length === 0) return [];
  // The body size is the prose's: a page mostly of code (set smaller) would make its prose headings.
  const prose = all.some((l) => !l.monospace) ? all.filter((l) => !l.monospace) : all;
  const bodySize = median(prose.flatMap((l) => Array<number>(Math.max(1, l.text.length)).fill(l.fontSize)));
  // A table's rows are paragraphs of their own, `| a | b |` as Markdown and HTML rows are (tables.ts).
  const rowsByFlow = sized.map(tableRows);
  // The line spacing is the text's: a table's wrapped cells, centred in their rows, sit half a line apart.
  const inRows = rowsByFlow.map((rows) => new Set([...rows].flatMap(([first, row]) => Array.from({ length: row.lines }, (_, k) => first + k))));
  const spacing = lineSpacing(
    sized.map((lines, f) => lines.filter((_, i) => !inRows[f]!.has(i))),
    bodySize,
  );
  const pitch = codePitch(sized, spacing);
  // So is one in the code's size set in another face of its font, standing alone (isCodeHeading).
  const flows = sized.map((lines) => lines.map((l, i) => (isCodeHeading(lines, i, codeFont, pitch) ? { ...l, monospace: false, codeHeading: true } : l)));
  const paragraphs: PageParagraph[] = [];
  let lineNumber = 0;
  for (const [f, lines] of flows.entries()) {
    const flowLeft = Math.min(...lines.map((l) => l.x));
    const flowRight = Math.max(...lines.map((l) => l.right));

    let group: TextLine[] = [];
    const flush = () => {
      if (group.length === 0) return;
      if (group.every((l) => l.monospace)) {
        paragraphs.push({ text: codeText(group, pitch), kind: "code", firstLine: lineNumber - group.length + 1, lastLine: lineNumber, code: { lines: group, pitch } });
        group = [];
        return;
      }
      const text = joinLines(group, vocabulary);
      const size = median(group.map((l) => l.fontSize));
      const kind: ParagraphKind = group[0]!.opensItem ? "list-item" : group.every((l) => l.codeHeading) ? "heading" : size >= HEADING_SIZE * bodySize && text.split(/\s+/).length <= 20 ? "heading" : paragraphKind(text);
      paragraphs.push({ text, kind, firstLine: lineNumber - group.length + 1, lastLine: lineNumber });
      group = [];
    };
    const rows = rowsByFlow[f]!;
    let inRow = 0; // lines of a table row still to pass over (a wrapped cell's)
    for (const [index, line] of lines.entries()) {
      const row = rows.get(index);
      if (row) {
        flush();
        paragraphs.push({ ...tableRow(row.cells), kind: "table-row", firstLine: lineNumber + 1, lastLine: lineNumber + row.lines });
        lineNumber += row.lines;
        inRow = row.lines - 1;
        continue;
      }
      if (inRow > 0) {
        inRow--;
        continue;
      }
      const prev = group[group.length - 1];
      // A code block runs on over its blank lines and ends where code does; prose never runs into code.
      const breaks = prev && (prev.monospace || line.monospace ? codeLinesDown(prev, line, pitch) === 0 : breaksBefore(prev, line, spacing, bodySize, flowLeft, flowRight, group.length > 1 ? Math.max(...group.map((l) => l.right)) : flowRight));
      if (breaks) flush();
      group.push(line);
      lineNumber++;
    }
    flush();
  }
  return paragraphs;
}
