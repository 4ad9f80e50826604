/** A run of text on a PDF page where the text layer put it (PDF space: origin bottom left, y up). */
export interface TextItem {
  str: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  fontSize: number;
  /** The PDF font it is set in (PDF.js's name for it): bold and regular are two fonts. */
  font?: string;
  /** Set in a fixed-pitch font (PDF.js reads the font's flags): code, as browsers and LaTeX print it. */
  monospace?: boolean;
  /** The first text after a list item's label that was drawn, not written (read-pdf.ts, drawnLabels): it opens a list item. */
  opensItem?: boolean;
}

/** A line of text rebuilt from the items sharing a baseline, left to right. */
export interface TextLine {
  text: string;
  x: number;
  /** Right edge. */
  right: number;
  y: number;
  /** The size most of its characters are set in. */
  fontSize: number;
  items: TextItem[];
  /** Every character of it is set in a fixed-pitch font (see TextItem.monospace). */
  monospace: boolean;
  /** It opens a list item whose bullet was drawn, not written (see TextItem.opensItem). */
  opensItem: boolean;
  /** A heading set in a bold face of the code's font, at its size (page-paragraphs.ts, isCodeHeading). */
  codeHeading?: boolean;
}

export interface PageText {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
export { median };

/**
 * Items whose baselines are within this share of the font size are on one line: superscripts
 * and font changes move a baseline by less than a third of an em, the next line by over one.
 */
export const SAME_LINE = 0.35;
/**
 * A gap wider than this share of an em between two items is a space the text layer left out
 * (a word space in the fonts we measured is ~0.25 em; kerning gaps are well under 0.1 em).
 */
const WORD_GAP = 0.15;

/** Font sizes differing by more than 12% are different roles (body 10–11 pt, headings ≥ 12 pt). */
const SIZE_CHANGE = 0.12;
export const differentSizes = (a: number, b: number) => Math.abs(a - b) > SIZE_CHANGE * Math.min(a, b);
/** A size more than SIZE_CHANGE above `size`: a heading's, set in the code's font, say. */
export const largerThan = (a: number, size: number) => a > (1 + SIZE_CHANGE) * size;

/** The font most of the lines' characters are set in. */
export function mainFont(lines: TextLine[]): string | undefined {
  const counts = new Map<string, number>();
  for (const item of lines.flatMap((l) => l.items)) if (item.font) counts.set(item.font, (counts.get(item.font) ?? 0) + item.str.trim().length);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Items grouped into lines, top to bottom, each line's items left to right and joined. */
export function buildLines(items: TextItem[]): TextLine[] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const item of sorted) {
    const line = groups[groups.length - 1];
    const size = Math.max(1, Math.min(item.fontSize, line?.[0]?.fontSize ?? item.fontSize));
    if (line && Math.abs(line[0]!.y - item.y) <= SAME_LINE * size) line.push(item);
    else groups.push([item]);
  }
  return groups.map(joinLine).filter((l) => l.text.trim() !== "");
}

export function joinLine(items: TextItem[]): TextLine {
  const row = [...items].sort((a, b) => a.x - b.x);
  let text = "";
  let right = row[0]!.x;
  for (const item of row) {
    const gap = item.x - right;
    if (text && gap > WORD_GAP * item.fontSize && !/\s$/.test(text) && !/^\s/.test(item.str)) text += " ";
    text += item.str;
    right = Math.max(right, item.x + item.width);
  }
  // The size of its text, not of the inline code in it (set smaller, in a fixed-pitch font), and
  // weighted by characters: a footnote mark or a word in another size does not make the line's.
  const visible = row.filter((i) => i.str.trim());
  const monospace = visible.length > 0 && visible.every((i) => i.monospace);
  const own = monospace ? visible : visible.filter((i) => !i.monospace);
  const sizes = own.flatMap((i) => Array<number>(i.str.trim().length).fill(i.fontSize));
  return { text: text.replace(/\s+/g, " ").trim(), x: row[0]!.x, right, y: median(row.map((i) => i.y)), fontSize: median(sizes.length ? sizes : [row[0]!.fontSize]), items: row, monospace, opensItem: row.some((i) => i.opensItem) };
}
