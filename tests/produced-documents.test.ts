import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDocumentBytes } from "../ingest/read-document.js";
import { listItemBody } from "../src/text/paragraph-kind.js";

/**
 * Word and PDF files made by real producers (pandoc, Chromium) from a small Markdown source of our
 * own (tests/fixtures/produced-documents/README.md names the tools and commands): the Markdown says
 * what every paragraph is, so each reader is held to it.
 */
const dir = join(import.meta.dirname, "fixtures/produced-documents");

async function read(file: string) {
  return (await readDocumentBytes(file, await readFile(join(dir, file)))).paragraphs;
}

const shape = (paragraphs: { text: string; kind: string }[]) => paragraphs.map(({ text, kind }) => ({ kind, text }));

describe("a Word file pandoc made (code-and-lists.docx)", () => {
  it("reads every paragraph of its Markdown source, with its kind", async () => {
    const [source, docx] = await Promise.all([read("code-and-lists.md"), read("code-and-lists.docx")]);
    expect(shape(docx)).toEqual(shape(source));
  });

  it("reads each code block (Word's Source Code style) whole, a line each, two blocks in a row as two", async () => {
    const code = (await read("code-and-lists.docx")).filter((p) => p.kind === "code").map((p) => p.text);
    expect(code).toEqual([
      "gauge setup --port /dev/ttyUSB0\n\n# then check the clock\ngauge clock --show",
      'const reading = await gauge.read();\nif (reading.level > 4.2) {\n  alarm.ring("high water");\n}',
    ]);
  });
});

/**
 * Chromium's print of pandoc's standalone HTML (A4, Chromium's default margins, header and footer):
 * prose in 12 pt, inline code and code blocks in a fixed-pitch font at 85% of it.
 */
describe("a PDF Chromium printed (harbour-guide.pdf)", () => {
  const kindOf = async (text: string) => (await read("harbour-guide.pdf")).filter((p) => p.text === text).map((p) => p.kind);

  it("takes a page's body size from its prose, not its code: prose on a page mostly of code is not a heading", async () => {
    expect(await kindOf("The helper functions it uses:")).toEqual(["prose"]);
    expect(await kindOf("To run it every night at two o'clock, add a line to the crontab of the harbour office's server:")).toEqual(["prose"]);
  });

  it("keeps a paragraph whole across a line holding more inline code than prose", async () => {
    const source = (await read("harbour-guide.md")).find((p) => p.text.startsWith("The gauge tool reads"))!.text;
    expect(await kindOf(source)).toEqual(["prose"]);
  });
});

describe("a heading on two lines in a PDF (harbour-guide.pdf)", () => {
  it("is one heading: its lines are set apart in proportion to its size, not the body's", async () => {
    const headings = (await read("harbour-guide.pdf")).filter((p) => p.kind === "heading").map((p) => p.text);
    expect(headings).toContain("Why the harbour office measures the tide at six stations instead of trusting the printed tables");
  });
});

describe("code blocks in a PDF Chromium printed", () => {
  const code = async (file: string) => (await read(file)).filter((p) => p.kind === "code").map((p) => p.text);

  it("reads each block whole, line by line, indented, blank lines kept, two blocks in a row as two (code-and-lists.pdf)", async () => {
    const source = await code("code-and-lists.md");
    expect(await code("code-and-lists.pdf")).toEqual(source);
  });

  it("runs a long line the browser wrapped on as one line, and a block over a page break that falls on its blank line is one block, the blank line kept (harbour-guide.pdf)", async () => {
    const source = await code("harbour-guide.md");
    const pdf = await code("harbour-guide.pdf");
    expect(pdf).toEqual(source);
    expect(pdf.some((c) => c.includes('why: "jumped more than half a metre in ten minutes, faster than any tide rises" };'))).toBe(true);
  });

  it("reads a block a page break cuts between two of its lines as one block, indentation kept, cited on the page it starts on (code-over-page-break.pdf)", async () => {
    const [source, pdf] = await Promise.all([read("code-over-page-break.md"), read("code-over-page-break.pdf")]);
    expect(pdf.filter((p) => p.kind === "code").map((p) => p.text)).toEqual(source.filter((p) => p.kind === "code").map((p) => p.text));
    const block = pdf.find((p) => p.kind === "code")!;
    expect(block.page).toBe(1);
    // The page after it opens with the paragraph after the block: its first paragraph.
    expect(pdf.find((p) => p.page === 2)).toMatchObject({ pageParagraph: 1, text: source[source.length - 1]!.text });
    expect(shape(pdf)).toEqual(shape(source));
  });
});

describe("two code blocks either side of a page break, the second moved to the next page whole (code-after-page-break.pdf)", () => {
  it("reads them as two blocks: the first ends high on its page, where no page break cut it", async () => {
    const [html, pdf] = await Promise.all([read("code-after-page-break.html"), read("code-after-page-break.pdf")]);
    expect(shape(pdf)).toEqual(shape(html));
  });
});

describe("list items in a PDF Chromium printed (harbour-guide.pdf)", () => {
  it("reads each item of a bulleted list (its bullet drawn, not text) as a paragraph of its own", async () => {
    const pdf = (await read("harbour-guide.pdf")).map((p) => p.text);
    const source = await read("harbour-guide.md");
    const items = source.slice(source.findIndex((p) => p.text === "What each station needs") + 1).filter((p) => p.kind === "list-item").slice(0, 5);
    expect(items).toHaveLength(5);
    for (const item of items) expect(pdf).toContain(item.text);
  });

  it("reads a bulleted item as a list item: the tagged PDF marks its drawn bullet as a label", async () => {
    const pdf = await read("harbour-guide.pdf");
    const source = await read("harbour-guide.md");
    const items = source.slice(source.findIndex((p) => p.text === "What each station needs") + 1, source.findIndex((p) => p.text.startsWith("The gauge tool reads"))).map((p) => p.text);
    expect(items).toHaveLength(5);
    for (const item of items) expect(pdf.find((p) => p.text === item)?.kind).toBe("list-item");
  });

  it("reads each numbered item as a paragraph of its own, also when it ends without a full stop", async () => {
    const items = (await read("harbour-guide.pdf")).filter((p) => /^\d\. /.test(p.text)).map((p) => p.text);
    expect(items).toEqual([
      "1. Open the box and unplug the radio.",
      "2. Connect the laptop to the serial port with the grey cable",
      "3. Run the read command and compare its last reading with the staff gauge on the pier",
      "4. Plug the radio back in and close the box.",
    ]);
  });
});

describe("a one-page PDF Chromium printed with its header and footer (code-and-lists.pdf)", () => {
  it("reads the text of every paragraph of its Markdown source, and nothing of the date, title, address and page count Chromium printed at its edges", async () => {
    const [source, pdf] = await Promise.all([read("code-and-lists.md"), read("code-and-lists.pdf")]);
    // A PDF's numbered item keeps its number, which Markdown's does not.
    expect(pdf.map((p) => listItemBody(p.text))).toEqual(source.map((p) => p.text));
  });

  it("reads every paragraph with its source's kind, bulleted items (bullets drawn, not text) included", async () => {
    const [source, pdf] = await Promise.all([read("code-and-lists.md"), read("code-and-lists.pdf")]);
    expect(pdf.map((p) => ({ kind: p.kind, text: listItemBody(p.text) }))).toEqual(shape(source));
  });

  it("reads a numbered item after one whose last line runs to the edge as an item of its own", async () => {
    const items = (await read("code-and-lists.pdf")).filter((p) => /^\d\. /.test(p.text)).map((p) => p.text);
    expect(items).toEqual([
      "1. Read every gauge by hand and write the levels in the logbook kept in the harbour office, with the time of each reading to the minute and the initials of the reader.",
      "2. Close the lock gate.",
    ]);
  });
});

describe("a Word file LibreOffice made from a web page (code-and-lists.libreoffice.docx)", () => {
  it("reads a listing written a line per paragraph (style Preformatted Text) as one code block, blank lines and indentation kept", async () => {
    const code = (await read("code-and-lists.libreoffice.docx")).filter((p) => p.kind === "code").map((p) => p.text);
    // Two blocks in a row are consecutive code paragraphs here, nothing between them: one block.
    expect(code).toEqual(['gauge setup --port /dev/ttyUSB0\n\n# then check the clock\ngauge clock --show\nconst reading = await gauge.read();\nif (reading.level > 4.2) {\n  alarm.ring("high water");\n}']);
  });
});

/**
 * A Markdown table whose cells are too long for a line, printed by Chromium (pandoc's HTML: cells
 * centred in their rows, so a row's lines interleave) and by LibreOffice (the same HTML opened as
 * a Writer document: cells padded by little more than a word space).
 */
describe("a table whose cells wrap onto two lines or more, in a PDF", () => {
  it("is not found in prose set in three columns under a line of bold headings, which bands as one does (newsletter.pdf)", async () => {
    expect((await read("newsletter.pdf")).map((p) => p.kind)).not.toContain("table-row");
  });

  for (const file of ["wrapped-table.pdf", "wrapped-table.libreoffice.pdf"]) {
    it(`reads each row as one row, each cell's lines joined, and every other paragraph as its source has it (${file})`, async () => {
      const [source, pdf] = await Promise.all([read("wrapped-table.md"), read(file)]);
      expect(shape(pdf)).toEqual(shape(source));
    });
  }

  for (const file of ["wrapped-header.pdf", "wrapped-header.libreoffice.pdf"]) {
    it(`reads a header whose cell wraps too as one row, its bold lines over the body's regular ones (${file})`, async () => {
      const [source, pdf] = await Promise.all([read("wrapped-header.md"), read(file)]);
      expect(shape(pdf)).toEqual(shape(source));
    });
  }
});

/** An HTML page of our own with bulleted (disc, circle, square) and numbered lists, nested and wrapped, printed by Chromium. */
describe("lists in a PDF Chromium printed from HTML (lists.pdf)", () => {
  it("reads every item as a list item, as the HTML reader reads the page, whatever its bullet's shape", async () => {
    const [html, pdf] = await Promise.all([read("lists.html"), read("lists.pdf")]);
    // A PDF's numbered item keeps its number, which the HTML's does not.
    expect(pdf.map((p) => ({ kind: p.kind, text: listItemBody(p.text) }))).toEqual(shape(html));
  });
});

/**
 * An API reference's headings set in the code's font at the code's size (pandoc's CSS sets `code`
 * at 85% inside a heading too, in the bold face of the font its code blocks are set in).
 */
describe("headings in the code's font and size, in a PDF Chromium printed (code-font-headings.pdf)", () => {
  it("reads them as headings, apart from the code block before them, and the block as code", async () => {
    const [source, pdf] = await Promise.all([read("code-font-headings.md"), read("code-font-headings.pdf")]);
    expect(shape(pdf)).toEqual(shape(source));
  });
});
