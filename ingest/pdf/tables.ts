import { SAME_LINE, type TextItem, type TextLine, buildLines, differentSizes, joinLine, median } from "./text-items.js";

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
 *   a table we can read only in part is left as it was, one paragraph, unless it reads whole as
 *   a table whose cells wrap (wrappedTable, below).
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

/** A table row found among a flow's lines: its cells, and how many lines it takes from its first (a wrapped cell's). */
export interface TableRow {
  cells: string[];
  lines: number;
}

/**
 * The table rows among a flow's lines (top to bottom): by the index of each row's first line, its
 * cells and its lines, the header row first in each table. Lines not in a row are read as before.
 * Tables whose rows are a line each are found first; then tables whose cells wrap (wrappedTable).
 */
export function tableRows(lines: TextLine[]): Map<number, TableRow> {
  const found = new Map<number, TableRow>();
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
      if (!unsure) table.forEach((row, i) => found.set(start + i, { cells: row, lines: 1 }));
    }
    start = end + 1;
  }
  for (let start = 0; start < lines.length; start++) {
    if (found.has(start)) continue;
    const header = isCandidate(cells[start]!) ? { last: start, cells: cells[start]! } : wrappedHeader(lines, start);
    if (!header) continue;
    const rows = wrappedTable(lines, start, header, (i) => found.has(i));
    for (const row of rows ?? []) found.set(row.first, { cells: row.cells, lines: row.last - row.first + 1 });
    if (rows) start = rows[rows.length - 1]!.last;
  }
  return found;
}

/**
 * Cells wrapped onto more lines than this are not taken for a table's: prose in narrow columns
 * under a line of headings (a newsletter) has paragraphs of more lines. Set by hand, not tuned.
 */
const MAX_CELL_LINES = 6;
/** Lines of one cell are set one line pitch apart, to a point; rows further apart, by a cell's padding at least (Chromium's default 2 × 1 px + 2 px spacing: 1.17 pitches). */
const LINE_PITCH_SLACK = 0.1;
/** A gutter between columns is at least this many ems wide: LibreOffice pads cells by 1.4 pt each side (0.23 em at 12 pt). */
const MIN_GUTTER = 0.2;

/**
 * A table whose wrapped cells end a sentence more often than this share is read as before: prose
 * set in columns is. Half: set by hand, not tuned (the fixtures' wrapped cells end none; a
 * newsletter's paragraphs end all).
 */
const SENTENCE_CELLS = 0.5;
const SENTENCE_END = /[.!?]["”’)]?$/;

/** A header wrapped onto more lines than this is not looked for; its lines are at most HEADER_LINE_GAP ems apart (a line and a half). */
const MAX_HEADER_LINES = 3;
const HEADER_LINE_GAP = 1.5;

interface Gutter {
  from: number;
  to: number;
}

/** The x ranges between `left` and `right` no item crosses. */
function gutters(items: TextItem[], left: number, right: number): Gutter[] {
  const spans = items.map((i) => [i.x, i.x + i.width] as const).sort((a, b) => a[0] - b[0]);
  const found: Gutter[] = [];
  let reach = left;
  for (const [from, to] of spans) {
    if (from > reach) found.push({ from: reach, to: from });
    reach = Math.max(reach, to);
  }
  if (right > reach) found.push({ from: reach, to: right });
  return found;
}

/** For each two neighbouring header cells, the widest gutter between them at least `min` wide; null when one pair has none. */
function columnGutters(items: TextItem[], header: Cell[], min: number): Gutter[] | null {
  const all = gutters(items, header[0]!.x, header[header.length - 1]!.right);
  const chosen: Gutter[] = [];
  for (let c = 1; c < header.length; c++) {
    const between = all.filter((g) => g.from >= header[c - 1]!.right - 0.01 && g.to <= header[c]!.x + 0.01 && g.to - g.from >= min);
    const widest = between.sort((a, b) => b.to - b.from - (a.to - a.from))[0];
    if (!widest) return null;
    chosen.push(widest);
  }
  return chosen;
}

interface WrappedRow {
  first: number;
  last: number;
  cells: string[];
}

const visible = (line: TextLine) => line.items.filter((i) => i.str.trim() !== "");

/** A header row's lines (from `start` to `last`) and its cells. */
interface WrappedHeader {
  last: number;
  cells: Cell[];
}

/**
 * A header whose cells wrap too: two lines or more from `start`, close together, set wholly in
 * fonts the line under them does not use (bold over regular), whose text falls into three runs or
 * more set well apart (the union of each cell's lines), each short.
 */
function wrappedHeader(lines: TextLine[], start: number): WrappedHeader | null {
  const fonts = new Set(visible(lines[start]!).map((i) => i.font));
  if (fonts.has(undefined)) return null;
  const em = Math.max(1, lines[start]!.fontSize);
  let last = start;
  while (
    last + 1 < lines.length &&
    last - start + 1 < MAX_HEADER_LINES &&
    lines[last]!.y - lines[last + 1]!.y <= HEADER_LINE_GAP * em &&
    visible(lines[last + 1]!).every((i) => fonts.has(i.font))
  )
    last++;
  const under = lines[last + 1];
  if (last === start || !under || visible(under).some((i) => fonts.has(i.font))) return null;
  // Its cells: the runs of x its lines' text covers, set well apart.
  const items = lines.slice(start, last + 1).flatMap(visible).sort((a, b) => a.x - b.x);
  const runs: TextItem[][] = [];
  let right = -Infinity;
  for (const item of items) {
    if (runs.length > 0 && item.x - right <= CELL_GAP * em) runs[runs.length - 1]!.push(item);
    else runs.push([item]);
    right = Math.max(right, item.x + item.width);
  }
  const cells = runs.map((run) => ({ text: cellText(run), x: Math.min(...run.map((i) => i.x)), right: Math.max(...run.map((i) => i.x + i.width)), fonts: new Set(run.flatMap((i) => (i.font ? [i.font] : []))) }));
  if (cells.length < MIN_COLUMNS || cells.some((c) => words(c.text) > MAX_CELL_WORDS * (last - start + 1))) return null;
  return { last, cells };
}

/**
 * A table whose cells wrap onto two lines or more (a browser's or a word processor's print of a
 * table with long cells) has no line that is a row: a row is a band of lines, its cells set
 * top-aligned or centred in it, its cells' lines set a line apart, its rows further apart (a cell's
 * padding, a rule). It is read when its layout leaves little doubt:
 * - a header line over it, read as a header is above (three cells or more, short, in another font
 *   or heading a column of figures);
 * - the lines under the header, down to the first that crosses a gap between two header cells'
 *   columns or changes size, leave a gutter (an x no text crosses) between every two header
 *   cells: a column for each header cell, and every text of a body line in one of them;
 * - in each column, lines a line apart are one cell, further apart two; rows are the bands the
 *   cells span, each of them two cells at least, two rows at least; a cell no longer than
 *   MAX_CELL_LINES lines, and a column's lines sharing an edge or centre;
 * - the wrapped cells mostly not ending a sentence (SENTENCE_CELLS): paragraphs of prose set in
 *   columns under a line of headings are laid out just so.
 * Anything less sure is read as before.
 */
function wrappedTable(lines: TextLine[], start: number, { last: headerLast, cells: header }: WrappedHeader, taken: (index: number) => boolean): WrappedRow[] | null {
  const head = lines[start]!;
  const em = Math.max(1, head.fontSize);
  // The body: lines under the header, while every two header cells keep a gutter between them.
  let end = headerLast;
  let items = lines.slice(start, headerLast + 1).flatMap(visible);
  while (end + 1 < lines.length && !taken(end + 1)) {
    const next = lines[end + 1]!;
    if (differentSizes(next.fontSize, head.fontSize)) break; // a heading under the table is not a row
    const more = [...items, ...visible(next)];
    if (!columnGutters(more, header, MIN_GUTTER * em)) break;
    items = more;
    end++;
  }
  if (end === headerLast) return null;
  const split = columnGutters(items, header, MIN_GUTTER * em)!;
  const bodyItems = lines.slice(headerLast + 1, end + 1).flatMap(visible);
  const columnOfItem = (i: TextItem) => split.filter((g) => i.x >= g.to - 0.01).length;
  // Each column's cells: its lines a line pitch apart (the least gap between two lines of a column).
  const byColumn = header.map((_, c) => bodyItems.filter((i) => columnOfItem(i) === c).sort((a, b) => b.y - a.y));
  const gaps = byColumn.flatMap((column) => column.slice(1).map((i, k) => column[k]!.y - i.y)).filter((g) => g > SAME_LINE * em);
  if (gaps.length === 0) return null;
  const pitch = Math.min(...gaps);
  interface WrappedCell {
    column: number;
    items: TextItem[];
    top: number;
    bottom: number;
  }
  const cells: WrappedCell[] = [];
  byColumn.forEach((column, c) => {
    for (const item of column) {
      const cell = cells[cells.length - 1];
      const lastY = cell?.items[cell.items.length - 1]!.y;
      if (cell && cell.column === c && lastY! - item.y <= SAME_LINE * em) cell.items.push(item);
      else if (cell && cell.column === c && lastY! - item.y <= (1 + LINE_PITCH_SLACK) * pitch) {
        cell.items.push(item);
        cell.bottom = item.y;
      } else cells.push({ column: c, items: [item], top: item.y, bottom: item.y });
    }
  });
  // Rows: the bands the cells span, a cell's band touching another's (to within a superscript's rise) making them one.
  const bands: WrappedCell[][] = [];
  for (const cell of [...cells].sort((a, b) => b.top - a.top)) {
    const band = bands[bands.length - 1];
    if (band && cell.top >= Math.min(...band.map((c) => c.bottom)) - SAME_LINE * em) band.push(cell);
    else bands.push([cell]);
  }
  // A short line under the table (a one-word note, a label) keeps its gutters too: a band of one cell at its end is not a row.
  while (bands.length > 0 && bands[bands.length - 1]!.length < 2) bands.pop();
  if (bands.length < MIN_ROWS - 1) return null;
  for (const band of bands) {
    if (band.length < 2 || new Set(band.map((c) => c.column)).size < band.length) return null;
    for (const cell of band) if (new Set(cell.items.map((i) => Math.round(i.y))).size > MAX_CELL_LINES) return null;
  }
  // A column's lines share an edge or a centre: text set in a cell, not prose run across it.
  const inRows = new Set(bands.flat().flatMap((cell) => cell.items));
  for (const column of byColumn.map((items) => items.filter((i) => inRows.has(i)))) {
    if (column.length < 2) continue;
    const tolerance = ALIGN * em;
    if (!agree(column.map((i) => i.x), tolerance) && !agree(column.map((i) => i.x + i.width), tolerance) && !agree(column.map((i) => i.x + i.width / 2), tolerance)) return null;
  }
  // Prose in columns under a line of headings (a newsletter) bands as a table with wrapped cells
  // does; its paragraphs end sentences, which a table's cells mostly do not (a name, a phrase).
  const wrapped = bands.flat().filter((cell) => cell.bottom < cell.top);
  if (wrapped.filter((cell) => SENTENCE_END.test(cellText(cell.items))).length > SENTENCE_CELLS * wrapped.length) return null;
  // The header, as a one-line table's: another font, or heading a column of figures.
  const bodyRows: Cell[][] = bands.map((band) =>
    band.map((cell) => ({ text: "", x: Math.min(...cell.items.map((i) => i.x)), right: Math.max(...cell.items.map((i) => i.x + i.width)), fonts: new Set(cell.items.flatMap((i) => (i.font ? [i.font] : []))) })),
  );
  bands.forEach((band, r) => band.forEach((cell, k) => (bodyRows[r]![k]!.text = cellText(cell.items))));
  const columns = header.map((_, c) => ({ x: c === 0 ? -Infinity : split[c - 1]!.to, right: c === header.length - 1 ? Infinity : split[c]!.from }));
  if (!hasHeader([header, ...bodyRows], columns)) return null;
  // Each row: the lines its band holds.
  const lineIndex = new Map<TextItem, number>();
  for (let i = headerLast + 1; i <= end; i++) for (const item of lines[i]!.items) lineIndex.set(item, i);
  const lineOf = (item: TextItem) => lineIndex.get(item) ?? -1;
  const rows: WrappedRow[] = [{ first: start, last: headerLast, cells: header.map((h) => h.text) }];
  for (const band of bands) {
    const at = band.flatMap((cell) => cell.items.map(lineOf));
    const texts = Array<string>(header.length).fill("");
    for (const cell of band) texts[cell.column] = cellText(cell.items);
    rows.push({ first: Math.min(...at), last: Math.max(...at), cells: texts });
  }
  // Rows take whole lines, in order: a line shared by two rows is a layout we did not read.
  for (let r = 1; r < rows.length; r++) if (rows[r]!.first !== rows[r - 1]!.last + 1) return null;
  return rows;
}

/** A cell's text: its lines top to bottom, each left to right, joined by spaces. */
function cellText(items: TextItem[]): string {
  return buildLines(items).map((l) => l.text).join(" ");
}
