import { type PageText, type TextItem, buildLines, median } from "./text-items.js";

/**
 * Running headers and footers (a report's title on every page, "Page 3 of 12") are page
 * furniture, not paragraphs: a line in the top or bottom band of its page whose text, digits
 * aside, comes back in that band on at least half the pages (and on two at least) is dropped, as
 * is a band line that is only a page number. A one-page PDF has nothing to compare, so keeps all
 * but a browser's printed header and footer (see SMALL_PRINT).
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

/**
 * What a browser prints at a page's edges when asked for headers and footers (Chromium's default:
 * the date and time and the page's title above, its address and "1/3" below; Firefox's "Page 1 of
 * 3"), in small print: a line in the top or bottom band set well under the body size that holds a
 * page count or opens with a date and a time is such furniture, on a one-page PDF too, where
 * nothing repeats to tell it by.
 */
const SMALL_PRINT = 0.85;
const PAGE_COUNT = /(?:^|\s)(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*\/\s*\d+|\d+\s+of\s+\d+)$/i;
const DATE_TIME = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}\b/;
const PAGE_NUMBER = /^(?:page\s+)?(?:\d+|[ivxlcdm]+)(?:\s*(?:of|\/)\s*\d+)?$/i;
const signature = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

interface EdgeLine {
  page: number;
  signature: string;
  items: TextItem[];
  pageNumber: boolean;
  /** A browser's printed header or footer (see SMALL_PRINT). */
  printed: boolean;
}

/** A page's lines in its top and bottom bands set no larger than running heads are, and the shapes of the rest. */
function splitLines(page: PageText, bodySize: number): { edges: EdgeLine[]; body: string[] } {
  const band = EDGE_BAND * page.height;
  const edges: EdgeLine[] = [];
  const body: string[] = [];
  for (const l of buildLines(page.items)) {
    const inBand = l.y >= page.height - band || l.y <= band;
    if (inBand && l.fontSize <= LARGEST_RUNNING * bodySize) {
      const text = l.text.trim();
      const printed = l.fontSize <= SMALL_PRINT * bodySize && (PAGE_COUNT.test(text) || DATE_TIME.test(text));
      edges.push({ page: page.number, signature: signature(l.text), items: l.items, pageNumber: PAGE_NUMBER.test(text), printed });
    } else if (!inBand) body.push(signature(l.text));
  }
  return { edges, body };
}

/** Each page's items without its running headers, footers and page numbers. */
export function dropRunningLines(pages: PageText[]): PageText[] {
  // The body size: the font size most of the document's characters are set in.
  const bodySize = median(pages.flatMap((p) => p.items.flatMap((i) => Array<number>(i.str.length).fill(i.fontSize))));
  const split = pages.map((p) => splitLines(p, bodySize));
  if (pages.length < 2) {
    // Nothing to compare on one page: only a browser's printed header and footer are known by their shape.
    const printed = new Set(split.flatMap((s) => s.edges.filter((e) => e.printed).flatMap((e) => e.items)));
    return pages.map((p) => ({ ...p, items: p.items.filter((i) => !printed.has(i)) }));
  }
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
    if (e.pageNumber || e.printed || repeats) for (const item of e.items) running.add(item);
  }
  return pages.map((p) => ({ ...p, items: p.items.filter((i) => !running.has(i)) }));
}
