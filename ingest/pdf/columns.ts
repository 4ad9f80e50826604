import { tableRows } from "./tables.js";
import { type TextItem, type TextLine, buildLines, median } from "./text-items.js";

/**
 * Pages set in columns are read column by column, left to right. A page is taken as two or three
 * columns only when its layout makes it clear: vertical gutters, each near where an even split of
 * the page would put it, that almost no text crosses; a real gap (not a word space) at each gutter
 * on the rows that have text on both sides of it; and text in every column over the same stretch
 * of the page. Three columns are tried first (their first gutter alone would also pass as a
 * two-column split, reading columns 2 and 3 line by line together), then two. Text spanning a
 * gutter (a title, an abstract, a full-width figure caption) cuts the page into bands, each read
 * column by column, left to right.
 *
 * A table (tables.ts) whose columns stand on both sides of a gutter is text spanning it: its rows
 * are read across, never its left columns for every row and then its right ones.
 *
 * Returns the page's flows in reading order: runs of items read top to bottom, a paragraph never
 * running from one flow into the next.
 */
const MAX_COLUMNS = 3; // newsletters, reports and magazines; four or more are not looked for
/**
 * Gutter i of k columns is looked for within GUTTER_REACH / (k - 1) of the page width around
 * i / k: the middle 40% of the page for two columns (0.3–0.7); for three, 0.23–0.43 and 0.57–0.77,
 * windows that never overlap (the fixture's three-column gutters are centred at 0.36 and 0.64).
 */
const GUTTER_REACH = 0.2;
const SIDE_SHARE = 0.2; // of two columns, each holds at least a fifth of the text items; of k, 2 × SIDE_SHARE / k (40% of an even share)
const CROSSING_ROWS = 0.15; // at most this share of the rows may cross a gutter (titles, captions)
const GUTTER_EMS = 1; // the gap between columns is at least an em (a word space is ~0.25 em)
const OVERLAP = 0.5; // neighbouring columns share at least half the height of the shorter one
const MIN_ITEMS = 6; // fewer items than this is not a layout to judge

interface Split {
  gutters: number[];
  /** Items wholly between two gutters (or a gutter and the page's edge), left to right. */
  columns: TextItem[][];
  spanning: TextItem[];
}

/** The x in [from, to] the fewest items cross, in the middle of the widest such run. */
function findGutter(items: TextItem[], from: number, to: number): number {
  let best = { crossing: Infinity, from: 0, to: 0 };
  let run: { from: number; crossing: number } | null = null;
  for (let x = from; x <= to; x += 1) {
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

/** The gutters of a k-column page, one looked for in each window (see GUTTER_REACH). */
function findGutters(items: TextItem[], width: number, k: number): number[] {
  const reach = GUTTER_REACH / (k - 1);
  return Array.from({ length: k - 1 }, (_, g) => findGutter(items, ((g + 1) / k - reach) * width, ((g + 1) / k + reach) * width));
}

function split(items: TextItem[], gutters: number[]): Split {
  const columns: TextItem[][] = gutters.map(() => []).concat([[]]);
  const spanning: TextItem[] = [];
  for (const i of items) {
    // The first column the item stands within (between its gutters, or a gutter and the page's
    // edge); none when it crosses a gutter.
    const column = columns.findIndex((_, c) => i.x >= (gutters[c - 1] ?? -Infinity) - 0.5 && i.x + i.width <= (gutters[c] ?? Infinity) + 0.5);
    if (column === -1) spanning.push(i);
    else columns[column]!.push(i);
  }
  return { gutters, columns, spanning };
}

/** Whether the split of the page's `n` items is columns, judged on the page's lines (`rows`). */
function isColumns(s: Split, rows: TextLine[], n: number): boolean {
  const k = s.columns.length;
  if (n < MIN_ITEMS || s.columns.some((c) => c.length < ((2 * SIDE_SHARE) / k) * n)) return false;
  const spanning = new Set(s.spanning);
  const crossing = rows.filter((r) => r.items.some((i) => spanning.has(i))).length;
  if (crossing > CROSSING_ROWS * rows.length) return false;
  const range = (xs: TextItem[]) => [Math.min(...xs.map((i) => i.y)), Math.max(...xs.map((i) => i.y))] as const;
  for (let g = 0; g < k - 1; g++) {
    const [left, right] = [new Set(s.columns[g]), new Set(s.columns[g + 1])];
    // On rows holding both columns, the gap at the gutter is a gutter, not a word space.
    const gaps = rows.flatMap((r) => {
      const l = r.items.filter((i) => left.has(i));
      const rt = r.items.filter((i) => right.has(i));
      if (!l.length || !rt.length) return [];
      return [(Math.min(...rt.map((i) => i.x)) - Math.max(...l.map((i) => i.x + i.width))) / r.fontSize];
    });
    if (gaps.length === 0 || median(gaps) < GUTTER_EMS) return false;
    const [l0, l1] = range(s.columns[g]!);
    const [r0, r1] = range(s.columns[g + 1]!);
    const overlap = Math.min(l1, r1) - Math.max(l0, r0);
    if (overlap < OVERLAP * Math.min(l1 - l0, r1 - r0)) return false;
  }
  return true;
}

/** The split with the rows of a table (`rows`: each one's items) that stands on both sides of a gutter moved to the spanning text. */
function spanningTables(s: Split, rows: TextItem[][]): Split {
  const columnOf = new Map(s.columns.flatMap((c, index) => c.map((i) => [i, index] as const)));
  const across = new Set(rows.filter((items) => new Set(items.flatMap((i) => (columnOf.has(i) ? [columnOf.get(i)] : []))).size > 1).flat());
  if (across.size === 0) return s;
  return { gutters: s.gutters, columns: s.columns.map((c) => c.filter((i) => !across.has(i))), spanning: [...s.spanning, ...across] };
}

/** The page's columns, most first, or null when it is not set in columns. */
function columnSplit(visible: TextItem[], width: number): Split | null {
  // The page's lines and its tables' rows do not depend on the split: found once, for every k.
  const lines = buildLines(visible);
  const tables = [...tableRows(lines)].map(([i, row]) => lines.slice(i, i + row.lines).flatMap((l) => l.items));
  for (let k = MAX_COLUMNS; k >= 2; k--) {
    const s = spanningTables(split(visible, findGutters(visible, width, k)), tables);
    if (isColumns(s, lines, visible.length)) return s;
  }
  return null;
}

/** A page's items as flows in reading order (see above). */
export function readingFlows(items: TextItem[], width: number): TextItem[][] {
  const visible = items.filter((i) => i.str.trim() !== "");
  if (visible.length < MIN_ITEMS) return [visible];
  const s = columnSplit(visible, width);
  if (!s) return [visible];
  // Spanning text cuts the page into bands; within a band, the columns are read left to right.
  const spanningLines = buildLines(s.spanning);
  const flows: TextItem[][] = [];
  let above = Infinity;
  let spanRun: TextItem[] = [];
  const band = (from: number, to: number) => {
    const inBand = (i: TextItem) => i.y < from && i.y >= to;
    return s.columns.map((c) => c.filter(inBand)).filter((f) => f.length > 0);
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
