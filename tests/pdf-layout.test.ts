import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { readingFlows } from "../ingest/pdf/columns.js";
import { Vocabulary } from "../ingest/pdf/hyphenation.js";
import { readPdf } from "../ingest/pdf/read-pdf.js";
import type { TextItem } from "../ingest/pdf/text-items.js";
import { loadConfig } from "../src/config.js";
import { type Embedder, loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { loadIndex } from "../src/index-store/load.js";
import { type PdfPageSpec, makePdf } from "./support/documents.js";
import { REPORT_PAGES } from "./support/format-corpus.js";
import { tempDir } from "./support/temp.js";

describe("a word broken at a line's end", () => {
  it("is mended when the joined word is English, and keeps a compound's hyphen", () => {
    const words = new Vocabulary();
    expect(words.joins("the harbour authority approved the recon-", "struction of the")).toBe(true);
    expect(words.joins("and signed a long-", "term dredging contract")).toBe(false);
    expect(words.joins("a state-of-the-", "art terminal")).toBe(false);
    // A capital after the break is a name or a new sentence: never joined.
    expect(words.joins("the port of Saint-", "Malo")).toBe(false);
  });

  it("follows the document's own spelling first", () => {
    const words = new Vocabulary();
    words.add("Every data-set is checked twice.");
    expect(words.joins("the data-", "set was")).toBe(false);
    const other = new Vocabulary();
    other.add("The dataset holds tide readings.");
    expect(other.joins("the data-", "set was")).toBe(true);
  });
});

/** Word-by-word items, as many PDF producers write them, of lines running the page's width. */
function wordItems(lines: string[], x: number, top: number): TextItem[] {
  return lines.flatMap((line, row) => {
    let at = x;
    return line.split(" ").map((word) => {
      const item = { str: word, x: at, y: top - row * 14, width: word.length * 5.5, fontSize: 11 };
      at += item.width + 3; // a word space, ~0.27 em
      return item;
    });
  });
}

describe("columns", () => {
  const line = "The harbour master allocates berths a week ahead and publishes the list every Monday morning";

  it("a single column written word by word is one flow, however the words fall", () => {
    const items = wordItems(Array.from({ length: 20 }, (_, i) => line.split(" ").slice(i % 4).concat(line.split(" ").slice(0, i % 4)).join(" ")), 72, 700);
    expect(readingFlows(items, 612)).toHaveLength(1);
  });

  it("two columns with a gutter are read left, then right", () => {
    const left = wordItems(Array.from({ length: 10 }, () => "left column words here"), 72, 700);
    const right = wordItems(Array.from({ length: 10 }, () => "right column words too"), 330, 700);
    const flows = readingFlows([...right, ...left], 612);
    expect(flows.map((f) => new Set(f.map((i) => i.str)).has("left"))).toEqual([true, false]);
  });
});

describe("a changed PDF", () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadWordVectorEmbedder(loadConfig({}));
  });

  it("re-embeds only its changed paragraphs, and records paragraphs that moved to another page", async () => {
    const work = await tempDir("pdf-incremental");
    const corpus = join(work, "corpus");
    const indexDir = join(work, "index");
    await mkdir(corpus);
    const write = (pages: PdfPageSpec[]) => makePdf(pages).then((bytes) => writeFile(join(corpus, "report.pdf"), bytes));
    const ingest = () => buildIndex({ corpusDir: corpus, indexDir, embedder });
    await write(REPORT_PAGES);
    const first = await ingest();
    expect(first).toMatchObject({ files: 1, paragraphs: 8, embedded: 8 });

    // One paragraph's words change: it is embedded again, and so is the heading above it (a
    // heading is embedded with the first sentence under it); the other six are reused.
    const edited = structuredClone(REPORT_PAGES);
    edited[2]!.columns[0]![1] = { text: "Port dues brought in 44 million euros, against 37 million the year before." };
    await write(edited);
    const second = await ingest();
    expect(second).toMatchObject({ paragraphs: 8, embedded: 2, reused: 6 });

    // A blank page inserted as page 2 moves the old pages 2 and 3 to pages 3 and 4: not a word
    // changed, nothing is embedded, yet the index records where the paragraphs now are.
    await write([edited[0]!, { columns: [[]] }, edited[1]!, edited[2]!]);
    const third = await ingest();
    expect(third).toMatchObject({ paragraphs: 8, embedded: 0, reused: 8 });
    expect(third.build).not.toBe(second.build);
    const index = await loadIndex(loadConfig({ INDEX_DIR: indexDir, EMBEDDER: "wordvectors" }), embedder);
    const works = index.byFile.get("report.pdf")!.find((p) => p.text.startsWith("In March"))!;
    expect([works.n, works.page, works.pageParagraph]).toEqual([5, 3, 2]);
  });
});

describe("a PDF whose layout has no text", () => {
  it("reads a page of images between pages of text as no paragraphs, and keeps the rest", async () => {
    const bytes = await makePdf([...REPORT_PAGES.slice(0, 1), { columns: [[]] }, ...REPORT_PAGES.slice(2)]);
    const { paragraphs, pages } = await readPdf("mixed.pdf", bytes);
    expect(pages).toBe(3);
    expect([...new Set(paragraphs.map((p) => p.page))]).toEqual([1, 3]);
  });
});

describe("running headers", () => {
  it("are not rows of a listing that open and close every page, differing only in their figures", async () => {
    const row = (n: number) => ({ text: `Invoice ${1000 + n} harbour dues paid on 2024-03-${String((n % 28) + 1).padStart(2, "0")}: ${n}10.00 EUR.` });
    const page = (first: number): PdfPageSpec => ({ header: "Harbour dues", footer: "{page}", columns: [Array.from({ length: 30 }, (_, i) => row(first + i))] });
    const { paragraphs } = await readPdf("dues.pdf", await makePdf([page(1), page(31), page(61)]));
    // Set close, the rows of a page read as one paragraph: count the rows themselves.
    const rows = paragraphs.flatMap((p) => p.text.match(/Invoice \d{4}/g) ?? []);
    expect(rows).toEqual(Array.from({ length: 90 }, (_, i) => `Invoice ${1001 + i}`));
    expect(paragraphs.map((p) => p.text)).not.toContain("Harbour dues");
  });

  it("are dropped, but a larger heading opening every page is kept though it repeats, digits aside", async () => {
    const page = (n: number): PdfPageSpec => ({
      header: "Quarterly figures",
      footer: "{page}",
      columns: [[{ text: `Section ${n}`, size: 14 }, { text: `The section covers the work of quarter ${n} in the northern harbour.` }]],
    });
    const { paragraphs } = await readPdf("sections.pdf", await makePdf([page(1), page(2), page(3)]));
    expect(paragraphs.map((p) => [p.page, p.kind, p.text])).toEqual([
      [1, "heading", "Section 1"],
      [1, "prose", "The section covers the work of quarter 1 in the northern harbour."],
      [2, "heading", "Section 2"],
      [2, "prose", "The section covers the work of quarter 2 in the northern harbour."],
      [3, "heading", "Section 3"],
      [3, "prose", "The section covers the work of quarter 3 in the northern harbour."],
    ]);
  });
});
