import { type PageText, type TextItem, buildLines, median } from "./text-items.js";

/**
 * Running headers and footers (a report's title on every page, "Page 3 of 12") are page
 * furniture, not paragraphs: a line in the top or bottom band of its page whose text, digits
 * aside, comes back in that band on at least half the pages (and on two at least) is dropped, as
 * is a band line that is only a page number. A one-page PDF has nothing to compare, so keeps all.
 * A line whose shape the body also holds is body text, not furniture: rows of a listing that
 * differ only in their figures ("Invoice 1044 … 2024-03-22: 440.00 EUR.") open and close every
 * page too, and were dropped with the page's first and last row.
 */
const EDGE_BAND = 0.12;
/**
 * Running heads are set in the body size or smaller; a larger line at a page's top is a heading
 * ("Section 12" opening every page repeats, digits aside, but is not furniture). 10% over the
 * body size allows for a header set a point larger than 10 pt body text.
 */
const LARGEST_RUNNING = 1.1; // top/bottom 12% of the page: where running heads sit on A4/Letter (≈ 1 in. margins)
const REPEATS_ON = 0.5; // share of pages a line must come back on to count as running

const PAGE_NUMBER = /^(?:page\s+)?(?:\d+|[ivxlcdm]+)(?:\s*(?:of|\/)\s*\d+)?$/i;
const signature = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

interface EdgeLine {
  page: number;
  signature: string;
  items: TextItem[];
  pageNumber: boolean;
}

/** A page's lines in its top and bottom bands set no larger than running heads are, and the shapes of the rest. */
function splitLines(page: PageText, bodySize: number): { edges: EdgeLine[]; body: string[] } {
  const band = EDGE_BAND * page.height;
  const edges: EdgeLine[] = [];
  const body: string[] = [];
  for (const l of buildLines(page.items)) {
    const inBand = l.y >= page.height - band || l.y <= band;
    if (inBand && l.fontSize <= LARGEST_RUNNING * bodySize) {
      edges.push({ page: page.number, signature: signature(l.text), items: l.items, pageNumber: PAGE_NUMBER.test(l.text.trim()) });
    } else if (!inBand) body.push(signature(l.text));
  }
  return { edges, body };
}

/** Each page's items without its running headers, footers and page numbers. */
export function dropRunningLines(pages: PageText[]): PageText[] {
  if (pages.length < 2) return pages;
  // The body size: the font size most of the document's characters are set in.
  const bodySize = median(pages.flatMap((p) => p.items.flatMap((i) => Array<number>(i.str.length).fill(i.fontSize))));
  const split = pages.map((p) => splitLines(p, bodySize));
  const edges = split.flatMap((s) => s.edges);
  const bodyShapes = new Set(split.flatMap((s) => s.body));
  const pagesBySignature = new Map<string, Set<number>>();
  for (const e of edges) {
    const seen = pagesBySignature.get(e.signature) ?? new Set<number>();
    seen.add(e.page);
    pagesBySignature.set(e.signature, seen);
  }
  const needed = Math.max(2, Math.ceil(REPEATS_ON * pages.length));
  const running = new Set<TextItem>();
  for (const e of edges) {
    const repeats = (pagesBySignature.get(e.signature)?.size ?? 0) >= needed && !bodyShapes.has(e.signature);
    if (e.pageNumber || repeats) for (const item of e.items) running.add(item);
  }
  return pages.map((p) => ({ ...p, items: p.items.filter((i) => !running.has(i)) }));
}
