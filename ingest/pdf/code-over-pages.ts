import { type CodeLines, MAX_BLANK_LINES, PITCH_SLACK, type PageParagraph, codeText } from "./page-paragraphs.js";
import { type TextLine, differentSizes, mainFont, median } from "./text-items.js";

/**
 * A page break inside a code block cuts it in two: the block that ends one page, at its foot, and
 * the block that begins the next (its running header dropped) are one block when nothing tells
 * them apart — both wholly code, set in the same size, the second's font one the first uses, and its lines
 * standing in the first's columns (its left edge a whole number of characters right of the first's
 * or on it: a block indented into a list item stands off the grid). They are read as one code
 * paragraph of the page it starts on, its lines counted on from there.
 *
 * What is lost is what the page break hides: a blank line of the code at the foot of the first
 * page. One at the head of the second is kept, measured from where pages start (see pageFrame).
 * Two blocks with nothing between them, the page break falling just between, are read as one: the
 * margin between them (not a whole number of lines) is cut by the break, as the blank line is.
 */
const COLUMN_SLACK = 0.2; // of a character's advance: cells of one fixed-pitch grid are placed to well within it

/**
 * Where pages' text (running heads and feet dropped) starts and ends: the highest and lowest
 * baselines on any page; and each page's height.
 */
export interface PageFrame {
  top: number;
  bottom: number;
  heights: number[];
}

export function pageFrame(lines: TextLine[], heights: number[]): PageFrame {
  // A loop, not Math.max(...ys): a long PDF's lines would overflow the call's arguments.
  let top = -Infinity;
  let bottom = Infinity;
  for (const { y } of lines) {
    top = Math.max(top, y);
    bottom = Math.min(bottom, y);
  }
  return { top, bottom, heights };
}

/**
 * A block cut by a page break fills its page: its last line is within this many line pitches of
 * the lowest a page's text reaches in the document (a line the browser moved over, to leave two
 * lines on the next page, and a blank line of the code). A block that ends higher up ended there:
 * the next was moved to the next page whole (`break-inside: avoid`, a forced break).
 */
const FOOT_LINES = 2.5;
/**
 * And it is in the page's lowest fifth: a document of two pages has no other page to say where
 * text ends. Bottom margins run to 1.5 in. (14% of a Letter page); the lines above, the rest.
 */
const FOOT_SHARE = 0.2;

const advanceOf = (lines: TextLine[]) => median(lines.flatMap((l) => l.items.filter((i) => i.str.trim() !== "").map((i) => i.width / i.str.length)));
const leftOf = (lines: TextLine[]) => Math.min(...lines.map((l) => l.x));

/** Whether `next`, beginning a page, runs on the block `last` that ends the page before. */
function runsOn(last: CodeLines, next: CodeLines): boolean {
  const size = median(last.lines.map((l) => l.fontSize));
  const nextSize = median(next.lines.map((l) => l.fontSize));
  if (differentSizes(size, nextSize)) return false;
  const font = mainFont(next.lines);
  if (font && !last.lines.some((l) => l.items.some((i) => i.font === font))) return false;
  const advance = advanceOf([...last.lines, ...next.lines]);
  if (!(advance > 0)) return false;
  const columns = (leftOf(next.lines) - leftOf(last.lines)) / advance;
  return columns > -COLUMN_SLACK && Math.abs(columns - Math.round(columns)) <= COLUMN_SLACK;
}

/** Blank lines of the code at the head of a page: how many pitches below the page top its first line sits. */
function blankLinesAbove(first: TextLine, top: number, pitch: number | null): number {
  if (!pitch) return 0;
  const lines = (top - first.y) / pitch;
  const whole = Math.round(lines);
  return whole >= 1 && whole <= MAX_BLANK_LINES && Math.abs(lines - whole) <= PITCH_SLACK ? whole : 0;
}

/** Whether the block `last` runs to the foot of its page, `height` high. */
function fillsPage(last: CodeLines, next: CodeLines, bottom: number, height: number): boolean {
  // Without a pitch to measure (one-line blocks), the usual leading: 1.2 times the size.
  const pitch = last.pitch ?? next.pitch ?? median(last.lines.map((l) => l.fontSize)) * 1.2;
  const y = last.lines[last.lines.length - 1]!.y;
  return y - bottom <= FOOT_LINES * pitch && y <= FOOT_SHARE * height;
}

/**
 * The block `last` with `next` run on: `next`'s lines moved up under `last`'s as if the page went
 * on, a line pitch below its last line and one more for each blank line at the page's head, so
 * codeText reads the blank lines, a wrapped line and each character's column across the two.
 */
function joined(last: CodeLines, next: CodeLines, top: number): CodeLines {
  const pitch = last.pitch ?? next.pitch;
  const end = last.lines[last.lines.length - 1]!;
  const first = next.lines[0]!;
  const shift = end.y - (pitch ?? 0) * (1 + blankLinesAbove(first, top, pitch)) - first.y;
  const moved = next.lines.map((l) => ({ ...l, y: l.y + shift, items: l.items.map((i) => ({ ...i, y: i.y + shift })) }));
  return { lines: [...last.lines, ...moved], pitch };
}

/**
 * Each page's paragraphs, a code block cut by a page break joined again on the page it starts on
 * (and taken off the head of the next); `frame`, where pages' text starts and ends (pageFrame).
 */
export function joinCodeOverPages(pages: PageParagraph[][], frame: PageFrame): PageParagraph[][] {
  const result = pages.map((paragraphs) => [...paragraphs]);
  // The page holding the paragraph that ends the text so far: a block over three pages leaves the
  // middle one empty, and runs on from the first.
  let ending: PageParagraph[] | undefined;
  let endingHeight = 0;
  for (const [i, paragraphs] of result.entries()) {
    const last = ending?.[ending.length - 1];
    const next = paragraphs[0];
    if (ending && last?.code && next?.code && fillsPage(last.code, next.code, frame.bottom, endingHeight) && runsOn(last.code, next.code)) {
      const code = joined(last.code, next.code, frame.top);
      ending[ending.length - 1] = { ...last, text: codeText(code.lines, code.pitch), lastLine: last.lastLine + next.lastLine, code };
      paragraphs.shift();
    }
    if (paragraphs.length > 0) {
      ending = paragraphs;
      endingHeight = frame.heights[i] ?? Infinity;
    }
  }
  return result;
}
