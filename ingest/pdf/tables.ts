import { type TextItem, type TextLine, joinLine, median } from "./text-items.js";

/**
 * A table in a PDF is only text set at positions: no cell, row or grid survives in the text layer
 * (the rules of a ruled table are drawn lines, not text). It is recognised from the geometry
 * alone, and only when the geometry leaves little doubt:
 * - a line is a candidate row when its text falls into at least three runs ("cells") separated by
 *   gaps far wider than a word space, each cell short;
 * - at least three consecutive candidate lines (a header and two rows) whose cells stack into the
 *   same columns: every cell lies in one column, no cell bridges two, and the body cells of each
 *   column share their left edge, right edge (figures) or centre;
 * - a header row to read the rows by: the first row is set in another font than the rows under
 *   it (bold, italic), or heads a column of figures with a word; rows with no header we can tell
 *   would be read under their first row's cells as labels, so they are left as they were;
 * - the line just above or below, when it is as close as a row is, does not itself sit inside
 *   the columns (a cell wrapped onto a second line, a row with empty cells, a header on two lines):
 *   a table we can read only in part is left as it was, one paragraph.
 * Anything else is left as before: prose, two-column prose (read column by column before this
 * runs), and a list with a hanging indent (a marker and its text: two runs, not three).
 */

/**
 * A gap wider than this many ems between two runs of a line separates cells. Below the narrowest
 * gap a word processor leaves between cells (Word's default cell padding, 2 × 0.08 in = 11.5 pt,
 * ≈ 1.05 em at 11 pt; LaTeX's 2 × \tabcolsep = 12 pt, 1.2 em at 10 pt) and above a justified
 * line's widest word space (TeX stretches its 0.33 em space to 0.5 em before it reports a bad line).
 */
const CELL_GAP = 0.8;
/** Two runs on a line are a term and its text (a list, a glossary); a table has three columns at least. */
const MIN_COLUMNS = 3;
/** A header row and two body rows: two lines alone line up by chance too often (a list's lines). */
const MIN_ROWS = 3;
/**
 * Cells are short: a name, a figure, a short phrase. No cell holds more than 8 words, and in each
 * column the median cell no more than 4. Measured on this repository's fixtures
 * (tests/support/pdf-tables.ts, Letter page, 11 pt Helvetica): table cells hold 1–3 words, a line
 * of prose in one of three columns 4–5 (median 5), in one of two 7–10 — so prose columns beside
 * each other or beside a table are not read as a table's columns. Close for three narrow
 * columns; the header rule (hasHeader) is the second guard there: prose has no header row.
 * Not tuned on data.
 */
const MAX_CELL_WORDS = 8;
const MEDIAN_CELL_WORDS = 4;
/**
 * Cells aligned in a column share an edge to within this share of an em: the producer placed
 * them at one x, and PDF.js measures them with the font's own widths. Well under a digit's width
 * (0.55 em in Helvetica and Times), so cells aligned on different points never count as one.
 */
const ALIGN = 0.2;
/**
 * A line next to the table belongs to it when it is no further from the table's nearest row than
 * this many times the table's row pitch (the median distance between its rows): a line set as a
 * row is set is a row. The paragraphs before and after a table are a paragraph gap away, 1.5–1.6
 * pitches in this repository's fixtures; and only a line with text inside one column counts.
 */
const NEIGHBOUR_PITCH = 1.2;

interface Cell {
  text: string;
  x: number;
  right: number;
  fonts: Set<string>;
}

/** A figure: a number, an amount, a date, a measure ("1,840,000", "€12.50", "(3)", "9 m", "2024-03-22"). */
const FIGURE = /^[(\-−+]?[$€£¥]?\d/;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A line's runs of text separated by gaps wider than CELL_GAP ems (whitespace-only items aside). */
function cellsOf(line: TextLine): Cell[] {
  const runs: TextItem[][] = [];
  const gap = CELL_GAP * Math.max(1, line.fontSize);
  let right = -Infinity;
  for (const item of line.items.filter((i) => i.str.trim() !== "")) {
    const run = runs[runs.length - 1];
    if (run && item.x - right <= gap) {
      run.push(item);
      right = Math.max(right, item.x + item.width);
    } else {
      runs.push([item]);
      right = item.x + item.width;
    }
  }
  return runs.map((items) => {
    const joined = joinLine(items);
    return { text: joined.text, x: joined.x, right: joined.right, fonts: new Set(items.flatMap((i) => (i.font ? [i.font] : []))) };
  });
}

const isCandidate = (cells: Cell[]) => cells.length >= MIN_COLUMNS && cells.every((c) => words(c.text) <= MAX_CELL_WORDS);

interface Column {
  x: number;
  right: number;
}

/** Columns as the union of the x-ranges the run's cells cover, left to right. */
function columnsOf(rows: Cell[][]): Column[] {
  const spans = rows.flat().sort((a, b) => a.x - b.x);
  const columns: Column[] = [];
  for (const s of spans) {
    const last = columns[columns.length - 1];
    if (last && s.x <= last.right) last.right = Math.max(last.right, s.right);
    else columns.push({ x: s.x, right: s.right });
  }
  return columns;
}

const columnOf = (columns: Column[], cell: Cell) => columns.findIndex((c) => cell.x >= c.x && cell.right <= c.right);

/** Whether values agree to within tolerance. */
const agree = (values: number[], tolerance: number) => Math.max(...values) - Math.min(...values) <= tolerance;

/**
 * Whether the first row reads as a header over the others: its cells are set in fonts none of
 * the body's cells use, or it heads a column whose body cells are all figures with a word.
 */
function hasHeader(rows: Cell[][], columns: Column[]): boolean {
  const [header = [], ...body] = rows;
  const bodyFonts = new Set(body.flat().flatMap((c) => [...c.fonts]));
  const headerFonts = header.flatMap((c) => [...c.fonts]);
  if (headerFonts.length > 0 && bodyFonts.size > 0 && headerFonts.every((f) => !bodyFonts.has(f))) return true;
  return columns.some((column) => {
    const head = header.find((c) => columnOf([column], c) === 0);
    const cells = body.flatMap((row) => row.filter((c) => columnOf([column], c) === 0));
    return head !== undefined && !FIGURE.test(head.text) && cells.length === body.length && cells.every((c) => FIGURE.test(c.text));
  });
}

/** The run's rows as cells in its columns, or null when the run is not clearly a table. */
function asTable(lines: TextLine[], rows: Cell[][]): string[][] | null {
  if (rows.length < MIN_ROWS) return null;
  const columns = columnsOf(rows);
  if (columns.length < MIN_COLUMNS) return null;
  const table: string[][] = [];
  for (const row of rows) {
    const cells = Array<string>(columns.length).fill("");
    for (const cell of row) {
      const c = columnOf(columns, cell);
      if (c < 0 || cells[c]) return null; // a cell in no one column, or two cells in one
      cells[c] = cell.text;
    }
    table.push(cells);
  }
  const em = median(lines.map((l) => l.fontSize));
  for (const column of columns) {
    const inColumn = rows.flatMap((row) => row.filter((cell) => columnOf([column], cell) === 0));
    if (median(inColumn.map((c) => words(c.text))) > MEDIAN_CELL_WORDS) return null;
    // The header (the first row) may be centred over figures set flush right: only the body's alignment is checked.
    const body = rows.slice(1).flatMap((row) => row.filter((cell) => columnOf([column], cell) === 0));
    if (body.length < 2) continue;
    const tolerance = ALIGN * em;
    const aligned = agree(body.map((c) => c.x), tolerance) || agree(body.map((c) => c.right), tolerance) || agree(body.map((c) => (c.x + c.right) / 2), tolerance);
    if (!aligned) return null;
  }
  return hasHeader(rows, columns) ? table : null;
}

/**
 * Whether a line as close to the table as its rows are has text inside one of its columns: a part
 * of the table we could not read (a wrapped cell, a row with empty cells, a cell run over into the
 * next). The paragraph after a table runs across the columns, and is a paragraph gap away.
 */
function belongsTo(line: TextLine | undefined, nearest: TextLine, pitch: number, rows: Cell[][]): boolean {
  if (!line || Math.abs(line.y - nearest.y) > NEIGHBOUR_PITCH * pitch) return false;
  const columns = columnsOf(rows);
  return cellsOf(line).some((cell) => columnOf(columns, cell) >= 0);
}

/**
 * The table rows among a flow's lines (top to bottom): by line index, each row's cells, the
 * header row first in each table. Lines not in the map are read as before.
 */
export function tableRows(lines: TextLine[]): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const cells = lines.map(cellsOf);
  for (let start = 0; start < lines.length; ) {
    if (!isCandidate(cells[start]!)) {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < lines.length && isCandidate(cells[end + 1]!)) end++;
    const runLines = lines.slice(start, end + 1);
    const runCells = cells.slice(start, end + 1);
    const table = asTable(runLines, runCells);
    if (table) {
      const pitch = median(runLines.slice(1).map((l, i) => runLines[i]!.y - l.y));
      const unsure = belongsTo(lines[start - 1], runLines[0]!, pitch, runCells) || belongsTo(lines[end + 1], runLines[runLines.length - 1]!, pitch, runCells);
      if (!unsure) table.forEach((row, i) => found.set(start + i, row));
    }
    start = end + 1;
  }
  return found;
}
