import { getDocumentProxy } from "unpdf";
import type { Paragraph } from "../../src/types.js";
import { withExtractedOffsets } from "../extracted-text.js";
import { hashText } from "../hash.js";
import { SkipFile } from "../skip.js";
import { readingFlows } from "./columns.js";
import { joinCodeOverPages, pageFrame } from "./code-over-pages.js";
import { Vocabulary } from "./hyphenation.js";
import { codeFont, codeSize, pageParagraphs } from "./page-paragraphs.js";
import { dropRunningLines } from "./running-lines.js";
import { type PageText, buildLines } from "./text-items.js";

/**
 * A PDF read from its text layer (unpdf, i.e. PDF.js), page by page: running headers, footers
 * and page numbers dropped (running-lines.ts), columns read in order (columns.ts), lines rebuilt
 * from the items' positions and paragraphs from the gaps between them, broken words mended
 * (page-paragraphs.ts, hyphenation.ts), a table's rows read as rows (tables.ts). Paragraphs are
 * numbered through the document (`n`, what /sources uses) and within their page
 * (`pageParagraph`, what a citation shows: p. 3 ¶2); a paragraph never runs over a page break but
 * a code block does (code-over-pages.ts). `line`/`endLine` are its lines on its page (a code block
 * over a page break: counted on from the page it starts on).
 *
 * A PDF whose pages carry no text at all (a scan) is skipped with "no text layer".
 */
const PDF_FILE = /\.pdf$/i;
export const isPdfFile = (file: string) => PDF_FILE.test(file);

async function pagesOf(bytes: Uint8Array): Promise<PageText[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // verbosity 0: PDF.js's font warnings are about rendering, which we never do.
    pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (err) {
    const name = (err as Error).name;
    if (name === "PasswordException") throw new SkipFile("password-protected PDF");
    if (name === "InvalidPDFException") throw new SkipFile("not a valid PDF");
    throw err;
  }
  try {
    const pages: PageText[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.view;
      // PDF.js's text items as unpdf's extractTextItems reads them (position and size from the
      // transform), with the font each is set in: a table's header row is told apart by it.
      // A font's family ("monospace" for a fixed-pitch font) comes with the text: code is told by it.
      // Marked content comes too: a tagged PDF's list labels (drawnLabels).
      const text = await page.getTextContent({ includeMarkedContent: true });
      const content = text.items as ContentItem[];
      const styles = text.styles as Record<string, { fontFamily?: string } | undefined>;
      const opening = drawnLabels(content);
      const pageItems = content.flatMap((item) => {
        const { str, transform: [, , c = 0, d = 0, e = 0, f = 0] = [], width = 0, fontName } = item;
        return str == null
          ? []
          : [
              {
                str,
                x: e - x0,
                y: f - y0,
                width,
                fontSize: Math.hypot(c, d),
                ...(fontName ? { font: fontName } : {}),
                ...(fontName && styles[fontName]?.fontFamily === "monospace" ? { monospace: true } : {}),
                ...(opening.has(item) ? { opensItem: true } : {}),
              },
            ];
      });
      pages.push({ number, width: x1 - x0, height: y1 - y0, items: pageItems });
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** A text item, or a mark where marked content begins (its tag) or ends. */
interface ContentItem {
  str?: string;
  transform?: number[];
  width?: number;
  fontName?: string;
  type?: string;
  tag?: string;
}

/**
 * The text items that open a list item whose label was drawn, not written. A browser draws a
 * bullet as a shape (Chromium: a filled circle, a hollow one for a nested list), which the text
 * layer does not hold; but a tagged PDF (Chromium tags what it prints) marks the label as such,
 * `Lbl` marked content, and a label holding no text is a drawn one: the first text after it is the
 * item's. A label holding text ("1.") is read from its text, as before.
 */
function drawnLabels(content: ContentItem[]): Set<ContentItem> {
  const opening = new Set<ContentItem>();
  const open: { tag?: string; text: boolean }[] = [];
  let pending = false;
  for (const item of content) {
    if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") open.push({ tag: item.tag, text: false });
    else if (item.type === "endMarkedContent") {
      const ended = open.pop();
      if (ended?.tag === "Lbl" && !ended.text) pending = true;
    } else if (item.str?.trim()) {
      for (const mark of open) mark.text = true;
      if (pending) opening.add(item);
      pending = false;
    }
  }
  return opening;
}

export interface PdfDocument {
  paragraphs: Paragraph[];
  /** How many pages the PDF has (for ingest throughput: pages/s). */
  pages: number;
}

export async function readPdf(file: string, bytes: Uint8Array): Promise<PdfDocument> {
  // PDF.js takes ownership of (detaches) the buffer it is given: it gets a copy.
  const pages = await pagesOf(new Uint8Array(bytes));
  if (!pages.some((p) => p.items.some((i) => i.str.trim() !== ""))) throw new SkipFile("no text layer");
  const kept = dropRunningLines(pages);
  const flowsByPage = kept.map((p) => readingFlows(p.items, p.width).map(buildLines));
  const lines = flowsByPage.flat(2);
  const vocabulary = new Vocabulary();
  for (const line of lines) vocabulary.add(line.text);
  const code = codeSize(lines);
  const font = codeFont(lines);
  const byPage = flowsByPage.map((flows) => pageParagraphs(flows, vocabulary, code, font));
  const frame = pageFrame(lines, kept.map((p) => p.height));
  const paragraphs: Paragraph[] = [];
  joinCodeOverPages(byPage, frame).forEach((pageParas, i) => {
    pageParas.forEach((p, j) => {
      paragraphs.push({
        file,
        n: paragraphs.length + 1,
        line: p.firstLine,
        endLine: p.lastLine,
        start: 0,
        end: 0,
        text: p.text,
        kind: p.kind,
        ...(p.cells ? { cells: p.cells } : {}),
        hash: hashText(p.text),
        page: kept[i]!.number,
        pageParagraph: j + 1,
      });
    });
  });
  return { paragraphs: withExtractedOffsets(paragraphs), pages: pages.length };
}
