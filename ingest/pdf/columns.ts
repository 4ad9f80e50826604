import { tableRows } from "./tables.js";
import { type TextItem, buildLines, median } from "./text-items.js";

/**
 * Two-column pages are read left column, then right column. A page is taken as two columns only
 * when its layout makes it clear: a vertical gutter near the middle that almost no text crosses,
 * a real gap (not a word space) between the columns on the rows that have both, and text on
 * both sides over the same stretch of the page. Text spanning the gutter (a title, an abstract,
 * a full-width figure caption) cuts the page into bands, each read left then right.
 *
 * A table (tables.ts) whose columns stand on both sides of the gutter is text spanning it: its
 * rows are read across, never its left columns for every row and then its right ones.
 *
 * Returns the page's flows in reading order: runs of items read top to bottom, a paragraph never
 * running from one flow into the next.
 */
const GUTTER_FROM = 0.3; // the gutter is looked for in the middle 40% of the page width
const GUTTER_TO = 0.7;
const SIDE_SHARE = 0.2; // each column holds at least a fifth of the page's text items
const CROSSING_ROWS = 0.15; // at most this share of the rows may cross the gutter (titles, captions)
const GUTTER_EMS = 1; // the gap between columns is at least an em (a word space is ~0.25 em)
const OVERLAP = 0.5; // the columns share at least half the height of the shorter one
const MIN_ITEMS = 6; // fewer items than this is not a layout to judge

interface Split {
  gutter: number;
  left: TextItem[];
  right: TextItem[];
  spanning: TextItem[];
}

/** The x the fewest items cross, in the middle of the widest such run. */
function findGutter(items: TextItem[], width: number): number {
  let best = { crossing: Infinity, from: 0, to: 0 };
  let run: { from: number; crossing: number } | null = null;
  for (let x = GUTTER_FROM * width; x <= GUTTER_TO * width; x += 1) {
    const crossing = items.filter((i) => i.x < x - 0.5 && i.x + i.width > x + 0.5).length;
    if (run && crossing === run.crossing) {
      if (crossing < best.crossing || (crossing === best.crossing && x - run.from > best.to - best.from)) best = { crossing, from: run.from, to: x };
      continue;
    }
    run = { from: x, crossing };
    if (crossing < best.crossing) best = { crossing, from: x, to: x };
  }
  return (best.from + best.to) / 2;
}

function split(items: TextItem[], gutter: number): Split {
  const left: TextItem[] = [];
  const right: TextItem[] = [];
  const spanning: TextItem[] = [];
  for (const i of items) {
    if (i.x + i.width <= gutter + 0.5) left.push(i);
    else if (i.x >= gutter - 0.5) right.push(i);
    else spanning.push(i);
  }
  return { gutter, left, right, spanning };
}

function isTwoColumns(s: Split, all: TextItem[]): boolean {
  const n = all.length;
  if (n < MIN_ITEMS || s.left.length < SIDE_SHARE * n || s.right.length < SIDE_SHARE * n) return false;
  const rows = buildLines(all);
  const [left, right, spanning] = [new Set(s.left), new Set(s.right), new Set(s.spanning)];
  const crossing = rows.filter((r) => r.items.some((i) => spanning.has(i))).length;
  if (crossing > CROSSING_ROWS * rows.length) return false;
  // On rows holding both columns, the gap at the gutter is a gutter, not a word space.
  const gaps = rows.flatMap((r) => {
    const l = r.items.filter((i) => left.has(i));
    const rt = r.items.filter((i) => right.has(i));
    if (!l.length || !rt.length) return [];
    return [(Math.min(...rt.map((i) => i.x)) - Math.max(...l.map((i) => i.x + i.width))) / r.fontSize];
  });
  if (gaps.length === 0 || median(gaps) < GUTTER_EMS) return false;
  const range = (xs: TextItem[]) => [Math.min(...xs.map((i) => i.y)), Math.max(...xs.map((i) => i.y))] as const;
  const [l0, l1] = range(s.left);
  const [r0, r1] = range(s.right);
  const overlap = Math.min(l1, r1) - Math.max(l0, r0);
  return overlap >= OVERLAP * Math.min(l1 - l0, r1 - r0);
}

/** The split with the rows of a table that stands on both sides of the gutter moved to the spanning text. */
function spanningTables(s: Split, all: TextItem[]): Split {
  const lines = buildLines(all);
  const [left, right] = [new Set(s.left), new Set(s.right)];
  const rows = [...tableRows(lines).keys()].map((i) => lines[i]!.items);
  const across = new Set(rows.filter((items) => items.some((i) => left.has(i)) && items.some((i) => right.has(i))).flat());
  if (across.size === 0) return s;
  return { gutter: s.gutter, left: s.left.filter((i) => !across.has(i)), right: s.right.filter((i) => !across.has(i)), spanning: [...s.spanning, ...across] };
}

/** A page's items as flows in reading order (see above). */
export function readingFlows(items: TextItem[], width: number): TextItem[][] {
  const visible = items.filter((i) => i.str.trim() !== "");
  if (visible.length < MIN_ITEMS) return [visible];
  const s = spanningTables(split(visible, findGutter(visible, width)), visible);
  if (!isTwoColumns(s, visible)) return [visible];
  // Spanning text cuts the page into bands; within a band, the left column comes first.
  const spanningLines = buildLines(s.spanning);
  const flows: TextItem[][] = [];
  let above = Infinity;
  let spanRun: TextItem[] = [];
  const band = (from: number, to: number) => {
    const inBand = (i: TextItem) => i.y < from && i.y >= to;
    return [s.left.filter(inBand), s.right.filter(inBand)].filter((f) => f.length > 0);
  };
  for (const line of spanningLines) {
    const columns = band(above, line.y);
    if (columns.length) {
      if (spanRun.length) flows.push(spanRun);
      spanRun = [];
      flows.push(...columns);
    }
    spanRun.push(...line.items);
    above = line.y;
  }
  if (spanRun.length) flows.push(spanRun);
  flows.push(...band(above, -Infinity));
  return flows;
}
