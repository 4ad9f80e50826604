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
import { verifyQuote } from "../src/answer/verify.js";
import { loadIndex } from "../src/index-store/load.js";
import { type PdfPageSpec, makePdf } from "./support/documents.js";
import { serviceOverFiles } from "./support/folder-service.js";
import { REPORT_PAGES } from "./support/format-corpus.js";
import {
  BERTHS_PAGE,
  CONTACTS_PAGE,
  CONTACTS_ROWS,
  DUES_ROWS,
  FIELDS_PAGE,
  HANGING_LIST,
  NEWSLETTER_COLUMNS,
  TABLE_IN_COLUMN,
  THREE_COLUMN_NEWSLETTER,
  THREE_COLUMN_PROSE,
  THREE_COLUMN_WITH_TITLE,
  TONNAGE_ROWS,
  TWO_COLUMN_PROSE,
  WRAPPED_CELL_PAGE,
  tablePage,
} from "./support/pdf-tables.js";
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

  it("three columns with a line spanning them midway are read column by column above it, the line, then column by column below", () => {
    const column = (word: string, x: number, top: number) => wordItems(Array.from({ length: 8 }, () => `${word} column words`), x, top);
    // Set as one run of text, as most producers write a line: it crosses both gutters.
    const spanning = [{ str: "A notice set across the whole width of the page, over all three columns", x: 72, y: 580, width: 468, fontSize: 11 }];
    const items = [...column("third", 408, 700), ...column("second", 240, 700), ...column("first", 72, 700), ...spanning, ...column("first", 72, 560), ...column("third", 408, 560), ...column("second", 240, 560)];
    const flows = readingFlows(items, 612);
    const name = (f: TextItem[]) => `${["first", "second", "third", "notice"].find((w) => f.some((i) => i.str.split(" ").includes(w)))} ${f.every((i) => i.y > 580) ? "above" : f.every((i) => i.y < 580) ? "below" : "on"}`;
    expect(flows.map(name)).toEqual(["first above", "second above", "third above", "notice on", "first below", "second below", "third below"]);
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

describe("a table in a PDF", () => {
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const read = async (name: string, spec: PdfPageSpec) => (await readPdf(name, await makePdf([spec]))).paragraphs;

  it.each([
    ["ruled", true],
    ["unruled", false],
  ])("is read row by row when %s: each row a paragraph `| a | b |`, the header row first, on its own page line", async (_, ruled) => {
    const paragraphs = await read("tonnage.pdf", tablePage(ruled as boolean));
    expect(paragraphs.map((p) => [p.pageParagraph, p.line, p.endLine, p.kind, p.text])).toEqual([
      [1, 1, 1, "heading", "Cargo handled"],
      [2, 2, 3, "prose", "The five terminals of the port handled more cargo than in any year before, as the table below shows for each terminal and its operator."],
      ...TONNAGE_ROWS.map((cells, i) => [3 + i, 4 + i, 4 + i, "table-row", row(cells)]),
      [9, 10, 11, "prose", "The ferry pier counts passengers' vehicles only; foot passengers are reported separately in the section on ferries."],
    ]);
    // Offsets point into the extracted text as for every PDF paragraph: each text, a blank line apart.
    const extracted = paragraphs.map((p) => p.text).join("\n\n");
    for (const p of paragraphs) expect(extracted.slice(p.start, p.end)).toBe(p.text);
  });

  it("finds its header row by its font alone, or by its words heading columns of figures", async () => {
    expect((await read("contacts.pdf", CONTACTS_PAGE)).slice(1).map((p) => [p.kind, p.text])).toEqual(CONTACTS_ROWS.map((cells) => ["table-row", row(cells)]));
    const plain = await read("tonnage.pdf", tablePage(false, true));
    expect(plain.filter((p) => p.kind === "table-row").map((p) => p.text)).toEqual(TONNAGE_ROWS.map(row));
  });

  it("is left as it was read before when no row reads as a header (its rows would be labelled by the first row's cells)", async () => {
    const paragraphs = await read("fields.pdf", FIELDS_PAGE);
    expect(paragraphs.map((p) => p.kind)).not.toContain("table-row");
    expect(paragraphs.map((p) => p.text).join(" ")).toContain("4 CARD32 PRIORITY 4 CARD32 MIME_TYPE_OFFSET");
  });

  it("gives each row its table's header row as context once indexed", async () => {
    const service = await serviceOverFiles("pdf-table-context", { "tonnage.pdf": await makePdf([tablePage(true)]) });
    const rows = service.document("tonnage.pdf")!.filter((p) => p.kind === "table-row");
    expect(rows).toHaveLength(TONNAGE_ROWS.length);
    for (const r of rows.slice(1)) expect(r.context.split("\n")).toContain(row(TONNAGE_ROWS[0]!));
  });

  it("filling most of the page, is read across its rows, not as two columns of text", async () => {
    const paragraphs = await read("berths.pdf", BERTHS_PAGE);
    expect(paragraphs[0]!.text).toBe("Berths by terminal.");
    expect(paragraphs.slice(1).map((p) => [p.kind, p.text]).slice(0, 3)).toEqual([
      ["table-row", "| Berth | Terminal | Depth | Length |"],
      ["table-row", "| B1 | East | 9 m | 150 m |"],
      ["table-row", "| B2 | West | 10 m | 160 m |"],
    ]);
    expect(paragraphs).toHaveLength(22);
  });

  it("in one column of a two-column page, is read row by row after the column to its left", async () => {
    expect((await read("moorings.pdf", TABLE_IN_COLUMN)).map((p) => [p.kind, p.text])).toEqual([
      ["prose", "Moorings in the upper estuary are let for a season at a time. Each mooring is inspected in March, and a chain found worn below two thirds of its thickness is replaced before the season opens."],
      ["prose", "The waiting list for a mooring is kept by the harbour office, which writes to those at its head in January."],
      ["prose", "Dues for the season, by length of boat:"],
      ...DUES_ROWS.map((cells) => ["table-row", row(cells)]),
      ["prose", "Visitors may use the three buoys off the slipway for one night without charge."],
    ]);
  });

  it("reads a row whose cell wraps onto a second line as one row, the cell's lines joined", async () => {
    const paragraphs = await read("wrapped.pdf", WRAPPED_CELL_PAGE);
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["prose", "The terminals and their operators are listed below for the year under review."],
      ...TONNAGE_ROWS.map((cells) => ["table-row", row(cells)]),
      ["prose", "The ferry pier counts passengers' vehicles only."],
    ]);
  });

  it("answers a question about one row's figure from that row, quoting that row only", async () => {
    const service = await serviceOverFiles("pdf-table-answer", {
      "tonnage.pdf": await makePdf([tablePage(true)]),
      "report.pdf": await makePdf(REPORT_PAGES),
      "moorings.pdf": await makePdf([TWO_COLUMN_PROSE]),
    });
    const answer = await service.answer("How many vessels called at the West terminal?", { extractiveOnly: true });
    expect(answer.abstained).toBe(false);
    const west = row(TONNAGE_ROWS[2]!);
    const citation = answer.citations.find((c) => c.file === "tonnage.pdf");
    expect(citation, JSON.stringify(answer.citations)).toMatchObject({ paragraph: 5, page: 1, pageParagraph: 5, quote: west });
    expect(verifyQuote(citation!.quote, service.document("tonnage.pdf")![4]!.text)).toBe(true);
    expect(answer.answer).toContain("238");
    for (const other of ["East", "North", "South", "Ferry pier", "Vessels"]) expect(citation!.quote).not.toContain(other);
  });
});

describe("text that lines up but is not a table", () => {
  const read = async (name: string, spec: PdfPageSpec) => (await readPdf(name, await makePdf([spec]))).paragraphs.map((p) => [p.pageParagraph, p.line, p.endLine, p.kind, p.text]);

  // These read as they did before tables were detected (checked against that code): guards, not new behaviour.
  it("two columns of prose are still read column by column", async () => {
    expect(await read("moorings.pdf", TWO_COLUMN_PROSE)).toEqual([
      [1, 1, 1, "heading", "Notes on the Estuary Moorings"],
      [2, 2, 6, "prose", "Moorings in the upper estuary are let for a season at a time. Each mooring is inspected in March, and a chain found worn below two thirds of its thickness is replaced before the season opens."],
      [3, 7, 9, "prose", "The waiting list for a mooring is kept by the harbour office, which writes to those at its head in January."],
      [4, 10, 13, "prose", "Visitors may use the three buoys off the slipway for one night without charge. A longer stay is paid at the harbour office or to the launch crew on their evening round."],
      [5, 14, 16, "prose", "The launch runs from the slipway on the hour between eight in the morning and ten at night."],
    ]);
  });

  it("a list with a hanging indent is still a list: a marker and its text are two runs, not a table's columns", async () => {
    const paragraphs = await read("basin.pdf", HANGING_LIST);
    expect(paragraphs.map((p) => p[3])).not.toContain("table-row");
    expect(paragraphs.slice(0, 3)).toEqual([
      [1, 1, 1, "prose", "Before a vessel enters the inner basin, its master must:"],
      [2, 2, 3, "list-item", "1. Call the harbour office on channel 12 at least thirty minutes before arriving at the outer buoy."],
      [3, 4, 4, "list-item", "2. Declare the vessel's draught, length and cargo."],
    ]);
  });

  it("each item of a list with a hanging indent is a paragraph, also after an item whose last line runs full width", async () => {
    // Item 3 fills its line, so no short last line ends it: its next item's marker, set apart in
    // the margin, does. (Before, items 3 and 4 were read as one paragraph.)
    expect((await read("basin.pdf", HANGING_LIST)).slice(3)).toEqual([
      [4, 5, 5, "list-item", "3. Wait for the lock keeper's signal, a green light on the east pier, before entering the lock."],
      [5, 6, 6, "list-item", "4. Keep to four knots inside the basin."],
      [6, 7, 7, "prose", "A vessel that arrives unannounced waits at the outer buoy until the office has answered."],
    ]);
  });

  it("three columns of prose, lined up line by line, are not a table: their lines are too long for cells", async () => {
    expect((await read("newsletter.pdf", THREE_COLUMN_PROSE)).map((p) => p[3])).not.toContain("table-row");
  });
});

describe("a page in three columns", () => {
  const read = async (name: string, spec: PdfPageSpec) => (await readPdf(name, await makePdf([spec]))).paragraphs.map((p) => [p.pageParagraph, p.kind, p.text]);

  it("is read column by column, left to right, each paragraph whole", async () => {
    // Before, columns 2 and 3 were read as one right-hand column, line by line across both.
    expect(await read("newsletter.pdf", THREE_COLUMN_NEWSLETTER)).toEqual(
      NEWSLETTER_COLUMNS.flat().map((text, i) => [i + 1, "prose", text]),
    );
  });

  it("under a title spanning its columns, is read title first, then column by column", async () => {
    expect(await read("newsletter.pdf", THREE_COLUMN_WITH_TITLE)).toEqual([
      [1, "heading", "Harbour News for the Spring Season"],
      ...NEWSLETTER_COLUMNS.flat().map((text, i) => [i + 2, "prose", text]),
    ]);
  });

  it("answers from a paragraph in the third of three columns, quoting nothing of the other two", async () => {
    const service = await serviceOverFiles("pdf-three-columns", {
      "newsletter.pdf": await makePdf([THREE_COLUMN_NEWSLETTER]),
      "report.pdf": await makePdf(REPORT_PAGES),
      "moorings.pdf": await makePdf([TWO_COLUMN_PROSE]),
    });
    const answer = await service.answer("When does the lifeboat crew train?", { extractiveOnly: true });
    expect(answer.abstained).toBe(false);
    const citation = answer.citations.find((c) => c.file === "newsletter.pdf");
    const lifeboat = NEWSLETTER_COLUMNS[2]![0]!;
    expect(citation, JSON.stringify(answer.citations)).toMatchObject({ paragraph: 5, page: 1, pageParagraph: 5 });
    expect(service.document("newsletter.pdf")![4]!.text).toBe(lifeboat);
    expect(verifyQuote(citation!.quote, lifeboat)).toBe(true);
    expect(citation!.quote).toContain("every Thursday evening");
    // No word of columns 1 and 2 that column 3 does not also use.
    const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
    const third = new Set(NEWSLETTER_COLUMNS[2]!.flatMap(words));
    const others = NEWSLETTER_COLUMNS.slice(0, 2).flat().flatMap(words).filter((w) => !third.has(w));
    for (const w of words(citation!.quote)) expect(others).not.toContain(w);
  });
});
