import { Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type IngestSummary, buildIndex } from "../ingest/build-index.js";
import { readCorpus } from "../ingest/read-corpus.js";
import { readDocumentBytes } from "../ingest/read-document.js";
import { verifyQuote } from "../src/answer/verify.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { readOriginal } from "../src/http/original-file.js";
import { openService } from "../src/open-service.js";
import type { AskService } from "../src/service.js";
import { citationLabel } from "../src/text/citation-label.js";
import type { Answer } from "../src/types.js";
import { makeDocx } from "./support/documents.js";
import { writeFormatCorpus } from "./support/format-corpus.js";
import { startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp.js";

/**
 * A corpus of every new format, made by the tests (tests/support/format-corpus.ts): a PDF with a
 * running header, page-number footer and words hyphenated at line ends, a two-column PDF, a
 * scanned PDF, a Word file with a table and an HTML page with navigation and scripts. Indexed for
 * real, asked over real HTTP.
 */
let corpus: string;
let summary: IngestSummary;
let service: AskService;
let base: string;

beforeAll(async () => {
  const work = await tempDir("formats");
  corpus = join(work, "corpus");
  await writeFormatCorpus(corpus);
  const config = loadConfig({ INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
  summary = await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
  service = await openService(config);
  base = await startServer(service, { originals: readOriginal, ratePerMinute: 1000 });
});

async function ask(question: string): Promise<Answer> {
  const response = await fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

const texts = (file: string) => (service.document(file) ?? []).map((p) => p.text);

describe("the ingest report", () => {
  it("indexes the PDFs, the Word file and the HTML page, and names the scan it skipped and why", () => {
    expect(summary.files).toBe(4);
    expect(summary.skipped).toEqual([{ file: "scan.pdf", reason: "no text layer" }]);
    expect(service.files()).toEqual(["berths.docx", "ferry.html", "report.pdf", "survey.pdf"]);
  });
});

describe("questions answered from each format, cited to the page and paragraph", () => {
  const cases = [
    // [question, file, paragraph in the document, page, paragraph on the page, words the quote holds]
    ["What did the harbour authority approve in March?", "report.pdf", 5, 2, 2, "reconstruction of the northern breakwater"],
    ["How much did port dues bring in?", "report.pdf", 8, 3, 2, "41 million euros"],
    ["How often does the Kestrel Point lighthouse keeper log fog signals?", "survey.pdf", 4, 1, 4, "every four hours"],
    ["How many seals did the survey count in a single day?", "survey.pdf", 5, 1, 5, "two hundred and twelve seals"],
    ["Who operates berth North 1?", "berths.docx", 5, undefined, undefined, "Harbour Logistics"],
    ["When does the first ferry to Marrow Island leave?", "ferry.html", 2, undefined, undefined, "6:40"],
  ] as const;

  it.each(cases)("%s → %s ¶%i", async (question, file, paragraph, page, pageParagraph, words) => {
    const answer = await ask(question);
    expect(answer.abstained).toBe(false);
    const citation = answer.citations.find((c) => c.file === file && c.paragraph === paragraph);
    expect(citation, JSON.stringify(answer.citations)).toBeDefined();
    expect(citation!.quote).toContain(words);
    expect(citation!.page).toBe(page);
    expect(citation!.pageParagraph).toBe(pageParagraph);
    // Verified against the extracted text the server holds, as for every other format.
    const stored = (await (await fetch(`${base}/sources/${file}/${paragraph}`)).json()) as { text: string; page?: number; pageParagraph?: number };
    expect(verifyQuote(citation!.quote, stored.text)).toBe(true);
    expect([stored.page, stored.pageParagraph]).toEqual([page, pageParagraph]);
  });

  it("names a PDF citation by page and paragraph on the page, others by paragraph", () => {
    expect(citationLabel({ file: "report.pdf", paragraph: 5, page: 2, pageParagraph: 2 })).toBe("report.pdf p. 2 ¶2");
    expect(citationLabel({ file: "berths.docx", paragraph: 5 })).toBe("berths.docx ¶5");
  });
});

describe("PDF paragraphs", () => {
  it("leave out the running header and the page-number footer", () => {
    const all = texts("report.pdf").join("\n");
    expect(all).not.toContain("Annual Harbour Report");
    expect(all).not.toMatch(/Page \d of 3/);
  });

  it("join the lines of a paragraph, undoing hyphenation but keeping a real compound's hyphen", () => {
    const works = service.document("report.pdf")![4]!;
    expect(works.text).toBe(
      "In March the harbour authority approved the reconstruction of the northern breakwater, damaged by the winter storms, and signed a long-term dredging contract with Tidewater Marine.",
    );
    expect(works).toMatchObject({ page: 2, pageParagraph: 2, line: 2, endLine: 5, kind: "prose" });
  });

  it("read two columns left column first, under the title that spans both", () => {
    const survey = texts("survey.pdf");
    expect(survey[0]).toBe("Coastal Survey of the Wrenmoor Estuary");
    expect(survey[1]).toMatch(/^The survey team placed six tide gauges/);
    expect(survey[2]).toMatch(/^Salt marsh covers about a third/);
    expect(survey[3]).toMatch(/^The Kestrel Point lighthouse keeper/);
    expect(survey[4]).toMatch(/^Grey seals haul out/);
    expect(service.document("survey.pdf")![0]!.kind).toBe("heading");
  });
});

describe("HTML and Word paragraphs", () => {
  it("index an HTML page's content, not its navigation, furniture, styles or scripts", () => {
    const ferry = service.document("ferry.html")!;
    expect(ferry.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Ferry to Marrow Island"],
      ["prose", "The first ferry to Marrow Island leaves the mainland pier at 6:40 every weekday."],
      ["list-item", "Bicycles travel free of charge."],
      ["list-item", "Dogs must stay on a lead on the car deck."],
      ["table-row", "| Ticket | Price |"],
      ["table-row", "| Adult return | 18 euros |"],
      ["table-row", "| Child return | 9 euros |"],
      ["code", "ferry-book --route marrow --date today"],
    ]);
    expect(ferry[7]!.language).toBe("sh");
    expect(service.title("ferry.html")).toBe("Ferry timetable");
    // The paragraph's offsets point at its element in the page's source.
    expect(ferry[1]!.line).toBe(9);
  });

  it("read a Word file's heading, paragraphs and table rows, the header row first", () => {
    expect(service.document("berths.docx")!.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Berth allocation"],
      ["prose", "Berths are allocated by the harbour master one week in advance."],
      ["prose", "Vessels longer than two hundred metres use the deep-water berths only."],
      ["table-row", "| Berth | Depth | Operator |"],
      ["table-row", "| North 1 | 14 metres | Harbour Logistics |"],
      ["table-row", "| South 4 | 9 metres | Quayside Fisheries Cooperative |"],
      ["prose", "Allocation disputes go to the port committee."],
    ]);
  });
});

describe("over HTTP", () => {
  it("/health and the landing page count documents by format", async () => {
    const health = (await (await fetch(`${base}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ documents: 4, formats: { html: 1, docx: 1, pdf: 2 } });
    const landing = await (await fetch(`${base}/`)).text();
    expect(landing).toContain("4 documents (1 HTML, 1 Word, 2 PDF)");
  });

  it("shows a PDF by page, each page linking to the PDF itself at that page", async () => {
    const page = await (await fetch(`${base}/sources/report.pdf?p=5`)).text();
    expect(page).toContain(`<a href="/originals/report.pdf#page=2"`);
    expect(page).toMatch(/<title>report\.pdf p\. 2 ¶2<\/title>/);
    expect(page).toMatch(/id="p5" data-paragraph="5" data-page="2" aria-current="true"><a href="#p5" aria-label="Page 2, paragraph 2 \(paragraph 5 of the document\)">¶2<\/a>/);
  });

  it("serves an indexed PDF itself, sandboxed, and nothing else", async () => {
    const response = await fetch(`${base}/originals/report.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(join(corpus, "report.pdf")))).toBe(true);
    for (const path of ["ferry.html", "berths.docx", "scan.pdf", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "nothing.pdf"]) {
      expect((await fetch(`${base}/originals/${path}`)).status, path).toBe(404);
    }
  });

  it("never serves a file outside the corpus folder, even when an indexed PDF has become a link to one", async () => {
    const outside = join(corpus, "..", "outside.pdf");
    await writeFile(outside, await readFile(join(corpus, "survey.pdf")));
    await rm(join(corpus, "survey.pdf"));
    await symlink(outside, join(corpus, "survey.pdf"));
    expect((await fetch(`${base}/originals/survey.pdf`)).status).toBe(404);
    expect((await fetch(`${base}/originals/report.pdf`)).status).toBe(200);
  });
});

describe("HTML in the wild", () => {
  it("reads a page saved in the legacy encoding its <meta charset> declares", async () => {
    const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Caf'), Buffer.from([0xe9, 0x20, 0x80, 0x35]), Buffer.from(" a cup.</p></body></html>")]);
    const { paragraphs } = await readDocumentBytes("old.html", page);
    expect(paragraphs.map((p) => p.text)).toEqual(["Café €5 a cup."]);
  });

  // DocBook's XSL (valgrind's manual): the contents as a definition list of links, to this page's
  // sections and to other pages; a literallayout (its NEWS page) as one <p> of <br>-broken lines.
  it("leaves out DocBook's contents list and reads its literal layout's blank lines as paragraph breaks", async () => {
    const page = [
      '<html><body><div class="chapter"><h1 class="title">6. Callgrind</h1>',
      '<div class="toc"><dl class="toc"><dt><span class="sect1"><a href="cl-manual.html#cl-manual.use">6.1. Overview</a></span></dt>',
      '<dd><dl><dt><span class="sect2"><a href="cl-manual.html#cl-manual.functionality">6.1.1. Functionality</a></span></dt></dl></dd></dl></div>',
      '<dl><dt>--dump-instr</dt><dd>Dumps costs per instruction.</dd></dl>',
      '<div class="literallayout"><p><br>',
      "      Release 3.19.0 (11 Apr 2022)<br>",
      "~~~~~~~~~~~~~~~~~~~~~~~~~~~~<br>",
      "<br>",
      "This release supports X86/Linux and<br>",
      "AMD64/Linux.<br>",
      "<br>",
      "* Fix Rust v0 name demangling.<br>",
      "</p></div></div></body></html>",
    ].join("\n");
    const { paragraphs } = await readDocumentBytes("cl-manual.html", Buffer.from(page));
    // a definition list whose descriptions say something is content
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "6. Callgrind"],
      ["prose", "--dump-instr"],
      ["prose", "Dumps costs per instruction."],
      ["prose", "Release 3.19.0 (11 Apr 2022) ~~~~~~~~~~~~~~~~~~~~~~~~~~~~"],
      ["prose", "This release supports X86/Linux and AMD64/Linux."],
      ["prose", "* Fix Rust v0 name demangling."],
    ]);
    for (const p of paragraphs) expect(page.slice(p.start, p.end)).toContain(p.text.split(" ")[0]!);
  });

  it("leaves out a table of contents: a list that only links to places on the same page", async () => {
    const page = [
      "<html><body><h1>Guide</h1>",
      '<ul><li><a href="#install">Install</a><ul><li><a href="#npm">With npm</a></li></ul></li>',
      '  <li> <a href="#options">Options</a> </li></ul>',
      '<ol><li><a href="#install">Install</a> first</li><li><a href="other.html#run">Run</a></li></ol>',
      '<h2 id="install">Install</h2><p>Run npm install.</p></body></html>',
    ].join("\n");
    const { paragraphs } = await readDocumentBytes("guide.html", Buffer.from(page));
    // a list whose items link elsewhere too, or hold words of their own, is content
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Guide"],
      ["list-item", "Install first"],
      ["list-item", "Run"],
      ["heading", "Install"],
      ["prose", "Run npm install."],
    ]);
  });

  it("reads a page wrapped in a form (ASP.NET), leaving out only its controls", async () => {
    const page = '<html><body><form id="form1" method="post"><div><h1>Port tariffs 2024</h1><p>The berth fee is 40 EUR a day.</p><label>Card <input name="card"></label><button>Pay</button></div></form></body></html>';
    const { paragraphs } = await readDocumentBytes("tariffs.aspx.html", Buffer.from(page));
    expect(paragraphs.map((p) => p.text)).toEqual(["Port tariffs 2024", "The berth fee is 40 EUR a day.", "Card"]);
  });

  it("reads an article's own header and footer, leaving out the page's", async () => {
    const page = [
      "<html><body><header><p>Harbour news</p><nav><a href='/'>Home</a></nav></header>",
      "<article><header><h1>Dredging begins in March</h1><p>The channel will be deepened to twelve metres.</p></header>",
      "<p>Work starts at the outer bar.</p><footer><p>By the harbour office</p></footer></article>",
      "<footer><p>© Port of Ostend</p></footer></body></html>",
    ].join("\n");
    const { paragraphs } = await readDocumentBytes("news.html", Buffer.from(page));
    expect(paragraphs.map((p) => p.text)).toEqual([
      "Dredging begins in March",
      "The channel will be deepened to twelve metres.",
      "Work starts at the outer bar.",
      "By the harbour office",
    ]);
  });

  it("reads a paragraph or figure of images alone as a figure of their alt texts, as Markdown does, and no other image", async () => {
    const page = [
      "<html><body><h1>Berths</h1>",
      '<p><img src="map.png" alt="Map of the outer harbour, berths 1 to 12"></p>',
      '<figure><a href="crane.jpg"><picture><source srcset="crane.webp"><img src="crane.jpg" alt="The 40-tonne crane"></picture></a>',
      "<figcaption>Crane at berth 4</figcaption></figure>",
      '<p><img src="icon.svg" alt="warning"> Berth 7 is closed.</p>',
      '<p><img src="rule.png" alt="" role="presentation"></p>',
      '<p><img src="spacer.gif" alt="spacer" aria-hidden="true"></p></body></html>',
    ].join("\n");
    const { paragraphs } = await readDocumentBytes("berths.html", Buffer.from(page));
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Berths"],
      ["figure", "Map of the outer harbour, berths 1 to 12"],
      ["figure", "The 40-tonne crane"],
      ["prose", "Crane at berth 4"],
      // an image inside a sentence is left out, as are images that say nothing
      ["prose", "Berth 7 is closed."],
    ]);
  });

  it("reads a Word picture with a description as a figure of it", async () => {
    // A 1×1 PNG: Word keeps the picture's alternative text as its description (docPr descr).
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
    const picture = new ImageRun({ type: "png", data: png, transformation: { width: 10, height: 10 }, altText: { name: "map", description: "Map of the outer harbour", title: "Map" } });
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun("Berth plan")] }), new Paragraph({ children: [picture] })] }] });
    const { paragraphs } = await readDocumentBytes("plan.docx", await Packer.toBuffer(doc));
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["prose", "Berth plan"],
      ["figure", "Map of the outer harbour"],
    ]);
  });

  it("leaves out soft hyphens and zero-width spaces, which show nothing", async () => {
    const page = "<html><body><p>The Ver&shy;kehrs&shy;zentrale coordinates trans\u00adshipment at every\u200bberth.</p></body></html>";
    const { paragraphs } = await readDocumentBytes("shy.html", Buffer.from(page));
    expect(paragraphs.map((p) => p.text)).toEqual(["The Verkehrszentrale coordinates transshipment at everyberth."]);
  });

  it("places a table row the parser had to open itself at its cells", async () => {
    const page = "<table>\n<caption>Berths</caption>\n<td>North quay</td><td>two cranes</td>\n</table>\n<p>After the table.</p>\n";
    const { paragraphs } = await readDocumentBytes("implied.html", Buffer.from(page));
    const row = paragraphs.find((p) => p.kind === "table-row")!;
    expect(row).toMatchObject({ text: "| North quay | two cranes |", line: 3, endLine: 3 });
    expect(page.slice(row.start, row.end)).toBe("<td>North quay</td><td>two cranes</td>");
  });

  it("reads a merged cell in every row and column it spans, so each row's cells stay under their headers", async () => {
    const page = [
      "<table><tr><th>Depot</th><th>Region</th><th>Pallets per day</th></tr>",
      '<tr><td rowspan="2">Bergen</td><td>North</td><td>1,200</td></tr>',
      "<tr><td>North-West</td><td>300</td></tr>",
      '<tr><td colspan="2">Total for all depots</td><td>4,800</td></tr></table>',
    ].join("");
    const { paragraphs } = await readDocumentBytes("depots.html", Buffer.from(page));
    expect(paragraphs.map((p) => p.text)).toEqual([
      "| Depot | Region | Pallets per day |",
      "| Bergen | North | 1,200 |",
      "| Bergen | North-West | 300 |",
      "| Total for all depots |  | 4,800 |",
    ]);
  });

  it("leaves out footnote references and back-links, which read as our markers and split sentences", async () => {
    const page = [
      '<p>The Skyline CLI needs Node.js 18.17 or later.<sup><a href="#cite_note-1">[1]</a></sup> It runs on Linux.</p>',
      '<p>The square of three is 3<sup>2</sup> = 9.</p>',
      '<ol><li id="cite_note-1"><a href="#cite_ref-1">↑</a> Node.js 16 reached end of life in 2023.</li>',
      '<li id="fn2">Windows needs a long-path setting. <a href="#fnref2">↩\ufe0e</a></li></ol>',
    ].join("\n");
    const { paragraphs } = await readDocumentBytes("cli.html", Buffer.from(page));
    expect(paragraphs.map((p) => p.text)).toEqual([
      "The Skyline CLI needs Node.js 18.17 or later. It runs on Linux.",
      "The square of three is 32 = 9.",
      "Node.js 16 reached end of life in 2023.",
      "Windows needs a long-path setting.",
    ]);
  });

  it("reads every tab panel, hidden until chosen, and not the tabs' labels", async () => {
    const page = [
      '<h2>Install</h2><ul role="tablist"><li role="tab">npm</li><li role="tab">Yarn</li></ul>',
      '<div role="tabpanel"><pre><code>npm install skyline-cli</code></pre></div>',
      '<div role="tabpanel" hidden><pre><code>yarn add skyline-cli</code></pre></div>',
      '<div hidden><p>Still hidden: not a tab panel.</p></div>',
    ].join("");
    const { paragraphs } = await readDocumentBytes("install.html", Buffer.from(page));
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Install"],
      ["code", "npm install skyline-cli"],
      ["code", "yarn add skyline-cli"],
    ]);
  });

  it("reads a code listing laid out as a table with line numbers as one code block, without the numbers", async () => {
    const page =
      '<div class="highlight"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre>1\n2\n3</pre></div></td>' +
      '<td class="code"><div><pre><code>[project]\nname = "demo"\nregion = "eu-west-2"\n</code></pre></div></td></tr></table></div>';
    const { paragraphs } = await readDocumentBytes("config.html", Buffer.from(page));
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([["code", '[project]\nname = "demo"\nregion = "eu-west-2"']]);
  });

  it("leaves out a Word table of contents, as mammoth writes it, and reads Word's Title as a heading", async () => {
    const toc = '<p>Contents</p><p><a href="#_Toc1">1 Depots\t1</a></p><p><a href="#_Toc2">2 Capacity\t2</a></p><h1><a id="_Toc1"></a>Depots</h1><p>Four depots.</p>';
    const { paragraphs } = await readDocumentBytes("toc.html", Buffer.from(toc));
    expect(paragraphs.map((p) => p.text)).toEqual(["Contents", "Depots", "Four depots."]);
    const titled = await makeDocx({ title: "Operations Handbook", heading: "Depots", paragraphs: ["The Bergen depot handles 1,200 pallets per day."], table: [] });
    const word = await readDocumentBytes("handbook.docx", titled);
    expect(word.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["heading", "Operations Handbook"],
      ["heading", "Depots"],
      ["prose", "The Bergen depot handles 1,200 pallets per day."],
    ]);
  });

  it("reports a page, or a Markdown file, that shows no text, a page whose main content is empty, an empty PDF as empty, and a redirect page", async () => {
    const work = await tempDir("formats-empty");
    const dir = join(work, "corpus");
    await mkdir(dir);
    await writeFile(join(dir, "menu.html"), "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>");
    await writeFile(join(dir, "note.txt"), "A note with some text in it.\n");
    await writeFile(join(dir, "meta.md"), "---\ntitle: Only metadata\n---\n<!-- nothing a reader sees -->\n");
    await writeFile(join(dir, "old-page.html"), '<html><head><meta http-equiv="refresh" content="0; url=../guide/new-page.html"></head><body><p>Redirecting to the new page. Click here if you are not redirected.</p></body></html>');
    await writeFile(join(dir, "empty.pdf"), "");
    // A page whose marked main content is empty (rendered by a script, not saved): what is around it is the site's.
    await writeFile(join(dir, "app.html"), '<html><body><div role="main"><div id="root"></div></div><div class="rst-versions">Built with Sphinx using a theme provided by Read the Docs.</div></body></html>');
    expect((await readCorpus(dir)).skipped).toEqual([
      { file: "app.html", reason: "no text in the part the page marks as its content (main)" },
      { file: "empty.pdf", reason: "empty file" },
      { file: "menu.html", reason: "no text" },
      { file: "meta.md", reason: "no text" },
      { file: "old-page.html", reason: "a redirect page (to ../guide/new-page.html)" },
    ]);
  });
});

/** The paragraphs of an HTML page, as [kind, text]. */
async function htmlParagraphs(file: string, page: string): Promise<[string, string][]> {
  const { paragraphs } = await readDocumentBytes(file, Buffer.from(page));
  return paragraphs.map((p) => [p.kind, p.text]);
}

describe("a docs site's built pages, read as a reader sees them", () => {
  it("reads only the main content when the page marks it, leaving out the site's bars, skip links and footers around it", async () => {
    // mdBook: the book's title is an h1 in the menu bar, on every page
    const mdbook = [
      '<nav id="sidebar" class="sidebar"><ol class="chapter"><li><a href="intro.html">Introduction</a></li></ol></nav>',
      '<div id="menu-bar" class="menu-bar sticky"><div class="left-buttons"><button id="theme-toggle"></button></div><h1 class="menu-title">Skyline Guide</h1></div>',
      '<div id="content" class="content"><main><h1 id="routing"><a class="header" href="#routing">Routing</a></h1><p>Messages take the shortest healthy path.</p></main></div>',
    ].join("\n");
    expect(await htmlParagraphs("routing.html", mdbook)).toEqual([
      ["heading", "Routing"],
      ["prose", "Messages take the shortest healthy path."],
    ]);
    // Sphinx's Alabaster: the body is role="main"; the footer a plain div
    const alabaster = [
      '<div class="document"><div class="body" role="main"><section id="beats"><h1>Heartbeats</h1><p>A relay sends a heartbeat every five seconds.</p></section></div></div>',
      '<div class="footer">&copy;2024, Skyline. | Powered by <a href="https://www.sphinx-doc.org/">Sphinx 7.3.7</a> | <a href="_sources/beats.rst.txt">Page source</a></div>',
    ].join("\n");
    expect(await htmlParagraphs("beats.html", alabaster)).toEqual([
      ["heading", "Heartbeats"],
      ["prose", "A relay sends a heartbeat every five seconds."],
    ]);
    // Read the Docs: a section wraps the whole layout, so its footer read as that section's own
    const rtd = [
      '<section class="wy-nav-content-wrap"><div class="wy-nav-content"><div role="main" class="document"><p>The admin console listens on port 7401.</p></div>',
      '<footer><div role="contentinfo"><p>&copy; Copyright 2024, Skyline.</p></div>Built with <a href="https://www.sphinx-doc.org/">Sphinx</a> using a theme provided by Read the Docs.</footer></div></section>',
    ].join("\n");
    expect(await htmlParagraphs("admin.html", rtd)).toEqual([["prose", "The admin console listens on port 7401."]]);
    // Docusaurus, Material, VitePress, Just the Docs: "Skip to content" before everything
    const skip = '<div role="region" aria-label="Skip to main content"><a href="#main">Skip to main content</a></div><main id="main"><p>Retention is seven days.</p></main>';
    expect(await htmlParagraphs("retention.html", skip)).toEqual([["prose", "Retention is seven days."]]);
    // in main, a header holds the page's title; a footer is the page's (PyData: Previous / Next)
    const pydata = '<main><header><h1>Tenants</h1></header><article><p>A tenant is a namespace.</p><footer><p>By the relay team</p></footer></article><footer class="prev-next-footer"><a href="quotas.html"><p>previous</p><p>Quotas</p></a></footer></main>';
    expect(await htmlParagraphs("tenants.html", pydata)).toEqual([
      ["heading", "Tenants"],
      ["prose", "A tenant is a namespace."],
      ["prose", "By the relay team"],
    ]);
    // a page whose main shows nothing is read whole
    const empty = '<main hidden></main><div><p>Quotas are 500 messages a minute.</p></div>';
    expect(await htmlParagraphs("quotas.html", empty)).toEqual([["prose", "Quotas are 500 messages a minute."]]);
  });

  it("reads a heading without its permalink mark, and an API signature without Sphinx's [source] link", async () => {
    const page = [
      '<h1>Heartbeats<a class="headerlink" href="#heartbeats" title="Link to this heading">¶</a></h1>',
      '<h2 id="tuning">Tuning <a class="header-anchor" href="#tuning" aria-label="Permalink to Tuning">#</a></h2>',
      '<h3 id="limits">Limits<a class="hash-link" href="#limits">&#8203;</a></h3>',
      '<div class="code-block-caption"><span class="caption-text">relay.toml</span><a class="headerlink" href="#id1">¶</a></div>',
      '<dl class="py function"><dt class="sig sig-object py" id="skyline.beat"><span class="sig-name descname">skyline.beat</span>(<em>peer</em>)',
      '<a class="reference internal" href="_modules/skyline.html#beat"><span class="viewcode-link"><span class="pre">[source]</span></span></a>',
      '<a class="headerlink" href="#skyline.beat" title="Link to this definition">¶</a></dt><dd><p>Send one heartbeat now.</p></dd></dl>',
      // a heading that is wholly its own link (mdBook) stays
      '<h2 id="routes"><a class="header" href="#routes">Routes</a></h2>',
    ].join("");
    expect(await htmlParagraphs("beats.html", page)).toEqual([
      ["heading", "Heartbeats"],
      ["heading", "Tuning"],
      ["heading", "Limits"],
      ["prose", "relay.toml"],
      ["prose", "skyline.beat(peer)"],
      ["prose", "Send one heartbeat now."],
      ["heading", "Routes"],
    ]);
  });

  it("reads a callout box without a label that only names its kind, keeping a title of the author's own", async () => {
    const page = [
      // Docusaurus 3
      '<div class="theme-admonition theme-admonition-note admonition_xJq3 alert alert--secondary"><div class="admonitionHeading_Gvgb"><span class="admonitionIcon_Rf37"><svg viewBox="0 0 14 16"><path d="M6.3 5.69"></path></svg></span>note</div>',
      '<div class="admonitionContent_BuS1"><p>Changing a port needs a restart.</p></div></div>',
      '<div class="theme-admonition theme-admonition-warning alert alert--warning"><div class="admonitionHeading_Gvgb">Firewalls on shared hosts</div><div class="admonitionContent_BuS1"><p>Open port 7400 first.</p></div></div>',
      // Sphinx, MkDocs (Material too): the title paragraph, and a collapsible box's summary
      '<div class="admonition seealso"><p class="admonition-title">See also</p><p>Peers explains how peers join.</p></div>',
      '<div class="admonition warning"><p class="admonition-title">Mixed versions</p><p>Relay 1.x cannot join a 2.x mesh.</p></div>',
      '<details class="note"><summary>Note</summary><p>A peer that misses three heartbeats is dropped.</p></details>',
      // VitePress
      '<div class="tip custom-block"><p class="custom-block-title">TIP</p><p>Retention can be set per topic.</p></div>',
      // a box without a title: its first paragraph is content
      '<div class="admonition note"><p>Note that quotas reset at midnight.</p></div>',
    ].join("\n");
    expect(await htmlParagraphs("peers.html", page)).toEqual([
      ["prose", "Changing a port needs a restart."],
      ["prose", "Firewalls on shared hosts"],
      ["prose", "Open port 7400 first."],
      ["prose", "Peers explains how peers join."],
      ["prose", "Mixed versions"],
      ["prose", "Relay 1.x cannot join a 2.x mesh."],
      ["prose", "A peer that misses three heartbeats is dropped."],
      ["prose", "Retention can be set per topic."],
      ["prose", "Note that quotas reset at midnight."],
    ]);
  });

  it("leaves out the furniture generators mark by class inside the content: Docusaurus' doc footer and version badge, GitBook's search template, VitePress' language label", async () => {
    const docusaurus = [
      '<main><article><span class="theme-doc-version-badge badge badge--secondary">Version: 2.x</span>',
      '<div class="theme-doc-markdown markdown"><header><h1>Configure the relay</h1></header><p>The relay reads relay.toml when it starts.</p></div>',
      '<footer class="theme-doc-footer docusaurus-mt-lg"><div class="theme-doc-footer-tags-row row"><div class="col"><b>Tags:</b><ul class="tags_jXut"><li class="tag_QGVx"><a href="/docs/tags/relay">relay</a></li></ul></div></div>',
      '<div class="theme-doc-footer-edit-meta-row row"><div class="col"><a href="https://github.com/skyline/skyline/edit/main/docs/relay.md" class="theme-edit-this-page">Edit this page</a></div>',
      '<div class="col"><span class="theme-last-updated">Last updated on <b><time datetime="2024-03-01">Mar 1, 2024</time></b></span></div></div></footer></article></main>',
    ].join("\n");
    expect(await htmlParagraphs("relay.html", docusaurus)).toEqual([
      ["heading", "Configure the relay"],
      ["prose", "The relay reads relay.toml when it starts."],
    ]);
    const gitbook = [
      '<div class="page-wrapper" role="main"><div id="book-search-results"><div class="search-noresults"><section class="normal markdown-section"><h1 id="quotas">Quotas</h1><p>Each tenant may send 500 messages a minute.</p></section></div>',
      '<div class="search-results"><div class="has-results"><h1 class="search-results-title"><span class="search-results-count"></span> results matching "<span class="search-query"></span>"</h1></div>',
      '<div class="no-results"><h1 class="search-results-title">No results matching "<span class="search-query"></span>"</h1></div></div></div></div>',
    ].join("\n");
    expect(await htmlParagraphs("quotas.html", gitbook)).toEqual([
      ["heading", "Quotas"],
      ["prose", "Each tenant may send 500 messages a minute."],
    ]);
    const vitepress = '<main><p>Show the retention with:</p><div class="language-sh vp-adaptive-theme"><button title="Copy Code" class="copy"></button><span class="lang">sh</span><pre class="shiki vp-code"><code><span class="line"><span>skyline retention show</span></span></code></pre></div></main>';
    expect(await htmlParagraphs("retention.html", vitepress)).toEqual([
      ["prose", "Show the retention with:"],
      ["code", "skyline retention show"],
    ]);
  });

  it("names a code block's language written on the blocks around its pre (VitePress, Material, Sphinx)", async () => {
    const page = [
      '<div class="language-sh vp-adaptive-theme"><span class="lang">sh</span><pre class="shiki"><code><span class="line">skyline retention show</span></code></pre></div>',
      '<div class="language-yaml highlight"><pre><span></span><code>peers: []</code></pre></div>',
      '<div class="highlight-toml notranslate"><div class="highlight"><pre><span></span>[heartbeat]</pre></div></div>',
      '<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>relay --help</pre></div></div>',
    ].join("");
    const { paragraphs } = await readDocumentBytes("code.html", Buffer.from(page));
    expect(paragraphs.map((p) => [p.text, p.language])).toEqual([
      ["skyline retention show", "sh"],
      ["peers: []", "yaml"],
      ["[heartbeat]", "toml"],
      ["relay --help", undefined],
    ]);
  });

  it("reads tabs made of radio buttons without their labels, and code without line numbers written into it", async () => {
    const page = [
      // MkDocs Material content tabs (pymdownx.tabbed), both layouts, and sphinx-design's
      '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked id="__tabbed_1_1" name="__tabbed_1" type="radio"><input id="__tabbed_1_2" name="__tabbed_1" type="radio">',
      '<div class="tabbed-labels"><label for="__tabbed_1_1">Linux</label><label for="__tabbed_1_2">Windows</label></div><div class="tabbed-content">',
      '<div class="tabbed-block"><pre><code>skyline peer add 10.0.0.7</code></pre></div><div class="tabbed-block"><pre><code>skyline.exe peer add 10.0.0.7</code></pre></div></div></div>',
      '<div class="tabbed-set" data-tabs="2:1"><input checked id="__tabbed_2_1" name="__tabbed_2" type="radio"><label for="__tabbed_2_1">macOS</label><div class="tabbed-content"><p>Install with Homebrew.</p></div></div>',
      '<div class="sd-tab-set"><input checked id="sd-tab-item-0" name="sd-tab-set-0" type="radio"><label class="sd-tab-label" for="sd-tab-item-0">pip</label><div class="sd-tab-content"><p>Install with pip.</p></div></div>',
      // a form's own labels stay, as before, a radio button's too
      '<form><label>Card <input name="card"></label><input type="radio" id="plan-basic" name="plan"><label for="plan-basic">Basic plan</label></form>',
      // Pygments' inline line numbers (Material's linenums_style: inline)
      '<div class="language-python highlight"><pre><span></span><code><span class="linenos">1</span><span class="kn">import</span> skyline\n<span class="linenos">2</span>skyline.connect()\n</code></pre></div>',
      // Hugo (Chroma): inline, and its table layout, whose two cells are both td.lntd
      '<div class="highlight"><pre class="chroma"><code class="language-go" data-lang="go"><span class="line"><span class="ln">1</span><span class="cl">package main\n</span></span></code></pre></div>',
      '<div class="highlight"><div class="chroma"><table class="lntable"><tr><td class="lntd"><pre class="chroma"><code><span class="lnt">1\n</span><span class="lnt">2\n</span></code></pre></td>',
      '<td class="lntd"><pre class="chroma"><code class="language-go" data-lang="go"><span class="line"><span class="cl">func main() {\n</span></span><span class="line"><span class="cl">}\n</span></span></code></pre></td></tr></table></div></div>',
    ].join("\n");
    expect(await htmlParagraphs("peers.html", page)).toEqual([
      ["code", "skyline peer add 10.0.0.7"],
      ["code", "skyline.exe peer add 10.0.0.7"],
      ["prose", "Install with Homebrew."],
      ["prose", "Install with pip."],
      ["prose", "Card Basic plan"],
      ["code", "import skyline\nskyline.connect()"],
      ["code", "package main"],
      ["code", "func main() {\n}"],
    ]);
  });

  it("reads Sphinx's footnotes, topics and sidebars, written as asides inside the section, without their [1] marks", async () => {
    const page = [
      '<div class="body"><section id="quotas"><h1>Quotas</h1>',
      '<p>Each tenant may send 500 messages a minute<a class="footnote-reference brackets" href="#f1" id="id1" role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></a>.</p>',
      '<aside class="sidebar"><p class="sidebar-title">Burst limits</p><p>Bursts of 50 messages are allowed.</p></aside>',
      '<aside class="topic"><p class="topic-title">Billing</p><p>Quotas are billed per tenant.</p></aside>',
      '<aside class="footnote-list brackets"><aside class="footnote brackets" id="f1" role="doc-footnote"><span class="label"><span class="fn-bracket">[</span><a role="doc-backlink" href="#id1">1</a><span class="fn-bracket">]</span></span>',
      '<p>Counted over a sliding window.</p></aside></aside></section></div>',
      // older docutils: a footnote as a definition list
      '<div><p>Peers time out after 30 seconds<a class="footnote-reference brackets" href="#f2" id="id2">2</a>.</p>',
      '<dl class="footnote brackets"><dt class="label" id="f2"><span class="brackets"><a class="fn-backref" href="#id2">2</a></span></dt><dd><p>Three missed heartbeats.</p></dd></dl></div>',
      // the page's own aside is still left out, in a section wrapping the layout too
      '<aside><p>Advertisement.</p></aside>',
      '<section class="wrapper"><div class="post"><p>Quotas reset at midnight.</p></div><aside class="sidebar"><p>Tag cloud: quotas, peers.</p></aside></section>',
    ].join("\n");
    expect(await htmlParagraphs("quotas.html", page)).toEqual([
      ["heading", "Quotas"],
      ["prose", "Each tenant may send 500 messages a minute."],
      ["prose", "Burst limits"],
      ["prose", "Bursts of 50 messages are allowed."],
      ["prose", "Billing"],
      ["prose", "Quotas are billed per tenant."],
      ["prose", "Counted over a sliding window."],
      ["prose", "Peers time out after 30 seconds."],
      ["prose", "Three missed heartbeats."],
      ["prose", "Quotas reset at midnight."],
    ]);
  });

  it("reads a legacy page laid out in divs without its banner, menus, breadcrumbs, link bars and footer", async () => {
    const page = [
      "<html><head><title>Alerts</title></head><body><div id=\"wrapper\">",
      '<div id="header"><div class="logo">Skyline Relay Docs</div><div id="topnav"><a href="index.html">Home</a> | <a href="guide.html">Guide</a> | <a href="faq.html">FAQ</a></div></div>',
      '<div class="breadcrumbs"><a href="index.html">Home</a> &gt; <a href="guide.html">Guide</a> &gt; Alerts</div>',
      '<div id="container"><div id="sidebar"><div class="menu-title">Guide</div><a href="install.html">Install</a><br><a href="alerts.html">Alerts</a></div>',
      '<div id="content"><div class="header"><h1>Alerts</h1></div>',
      '<div class="para">The relay raises an alert when a peer is unreachable for two minutes.</div>',
      '<div class="toc"><div class="toc-title">Contents</div><a href="#levels">Alert levels</a><br></div>',
      '<a name="levels"></a><div class="subhead">Alert levels</div>',
      '<div class="para">A critical alert follows after ten minutes. See <a href="levels.html">levels</a> | <a href="mail.html">mail</a>.</div>',
      '<div class="note"><b>Note:</b> no alerts in the first minute after start-up.</div>',
      // an id naming no layout a generator writes: a café's page holds its menu there
      '<div id="menu"><p>Soup of the day: 6 EUR.</p></div>',
      '<div class="navlinks"><a href="install.html">&lt;&lt; Previous</a> | <a href="#">Top</a> | <a href="quotas.html">Next &gt;&gt;</a></div>',
      '</div></div><div id="footer">Copyright 2009 Skyline Inc. | <a href="privacy.html">Privacy</a><br>Last modified: 12 May 2009</div></div></body></html>',
    ].join("\n");
    expect(await htmlParagraphs("alerts.html", page)).toEqual([
      ["heading", "Alerts"],
      ["prose", "The relay raises an alert when a peer is unreachable for two minutes."],
      ["prose", "Alert levels"],
      ["prose", "A critical alert follows after ten minutes. See levels | mail."],
      ["prose", "Note: no alerts in the first minute after start-up."],
      ["prose", "Soup of the day: 6 EUR."],
    ]);
    // DocBook's chunked HTML: a navigation table above and below every chapter
    const docbook = [
      '<div class="navheader"><table width="100%" summary="Navigation header"><tr><th colspan="3" align="center">Chapter 2. Alerts</th></tr>',
      '<tr><td width="20%" align="left"><a accesskey="p" href="ch01.html">Prev</a> </td><th width="60%" align="center"> </th><td width="20%" align="right"> <a accesskey="n" href="ch03.html">Next</a></td></tr></table><hr></div>',
      '<div class="chapter"><div class="titlepage"><h2 class="title">Chapter 2. Alerts</h2></div><p>Alerts are mailed to the operator.</p></div>',
      '<div class="navfooter"><hr><table width="100%" summary="Navigation footer"><tr><td align="left"><a accesskey="p" href="ch01.html">Prev</a> </td><td align="center"> </td><td align="right"> <a accesskey="n" href="ch03.html">Next</a></td></tr>',
      '<tr><td align="left" valign="top">Chapter 1. Install </td><td align="center"><a accesskey="h" href="index.html">Home</a></td><td align="right" valign="top"> Chapter 3. Quotas</td></tr></table></div>',
    ].join("\n");
    expect(await htmlParagraphs("ch02.html", docbook)).toEqual([
      ["heading", "Chapter 2. Alerts"],
      ["prose", "Alerts are mailed to the operator."],
    ]);
    // Javadoc 8: navigation bars above and below, the class's title in div.header (content)
    const javadoc = [
      '<div class="topNav"><a name="navbar.top"></a><ul class="navList" title="Navigation"><li><a href="package-summary.html">Package</a></li><li class="navBarCell1Rev">Class</li><li><a href="package-tree.html">Tree</a></li></ul></div>',
      '<div class="subNav"><ul class="navList"><li><a href="Peer.html" title="class in skyline"><span class="typeNameLink">Prev&nbsp;Class</span></a></li></ul></div>',
      '<div class="header"><div class="subTitle">skyline</div><h2 title="Class Relay" class="title">Class Relay</h2></div>',
      '<div class="contentContainer"><div class="description"><div class="block">Forwards messages between peers.</div></div></div>',
      '<div class="bottomNav"><ul class="navList"><li><a href="overview-summary.html">Overview</a></li></ul></div>',
    ].join("\n");
    expect(await htmlParagraphs("Relay.html", javadoc)).toEqual([
      ["prose", "skyline"],
      ["heading", "Class Relay"],
      ["prose", "Forwards messages between peers."],
    ]);
  });

  it("reads a table that indents one column with cells of spaces (pydoc's sections) as that column's blocks; a data table with an empty cell stays rows", async () => {
    const page = [
      '<table class="section"><tr class="decor"><td class="section-title" colspan=3>&nbsp;<br><strong class="bigsection">Functions</strong></td></tr>',
      '<tr><td class="decor"><span class="code">&nbsp;&nbsp;&nbsp;</span></td><td>&nbsp;</td>',
      '<td class="singlecolumn"><dl><dt><strong>relay</strong>(peer, frames)</dt><dd><span class="code">Forward&nbsp;frames&nbsp;to&nbsp;a&nbsp;peer.</span></dd>',
      '<dt><strong>heartbeat</strong>(peer)</dt><dd><span class="code">Tell&nbsp;a&nbsp;peer&nbsp;the&nbsp;relay&nbsp;is&nbsp;alive.</span></dd></dl></td></tr></table>',
      '<table><tr><td>--peer</td><td>the peer to reach</td></tr><tr><td>--quiet</td><td></td></tr></table>',
    ].join("\n");
    expect(await htmlParagraphs("relay.html", page)).toEqual([
      ["prose", "Functions"],
      ["prose", "relay(peer, frames)"],
      ["prose", "Forward frames to a peer."],
      ["prose", "heartbeat(peer)"],
      ["prose", "Tell a peer the relay is alive."],
      ["table-row", "| --peer | the peer to reach |"],
      ["table-row", "| --quiet |  |"],
    ]);
  });

  it("reads a legacy page laid out in tables as its columns' blocks, without its menus; a one-cell box's code as code; data tables as rows", async () => {
    // libxslt's pages: a banner row, then a menu column (boxes of links under their titles) beside the text
    const menu = (title: string, links: string[]) =>
      `<table width="100%"><tr><td><table width="100%"><tr><td align="center"><b>${title}</b></td></tr>` +
      `<tr><td><ul>${links.map((l) => `<li><a href="${l.toLowerCase()}.html">${l}</a></li>`).join("")}</ul></td></tr></table></td></tr></table>`;
    const page = [
      '<table width="100%"><tr><td><img src="logo.gif" alt="Skyline logo"></td><td><table><tr><td><h1>The Skyline relay</h1><h2>Reporting bugs</h2></td></tr></table></td></tr></table>',
      '<table width="100%"><tr><td><table width="100%"><tr><td valign="top" width="200">',
      menu("Main Menu", ["Home", "Introduction", "Downloads", "Reporting bugs"]),
      menu("Related links", ["Mail archive", "Bug tracker"]),
      '</td><td valign="top"><p>Send a bug with the command that shows it to the <a href="mailto:relay@example.org">mailing list</a>.</p>',
      "<ul><li>Check the archive first.</li><li>Attach the peer's log.</li></ul>",
      '<table border="0" bgcolor="#E0E0E0" width="100%"><tr><td><pre class="programlisting">relay --verbose --log peer.log</pre></td></tr></table>',
      "<table><tr><td>Thomas Leonard <code>&lt;<a href=\"mailto:tal@example.org\">tal at example.org</a>&gt;</code></td></tr></table>",
      '<table><tr><td>--peer</td><td>the peer to reach</td></tr></table>',
      "</td></tr></table></td></tr></table>",
    ].join("\n");
    expect(await htmlParagraphs("bugs.html", page)).toEqual([
      ["heading", "The Skyline relay"],
      ["heading", "Reporting bugs"],
      ["prose", "Send a bug with the command that shows it to the mailing list."],
      ["list-item", "Check the archive first."],
      ["list-item", "Attach the peer's log."],
      ["code", "relay --verbose --log peer.log"],
      // a one-column box of mail links is content, not a menu
      ["prose", "Thomas Leonard <tal at example.org>"],
      ["table-row", "| --peer | the peer to reach |"],
    ]);
  });

  it("reads a TypeDoc page without its breadcrumb trail and Defined-in lines, its flags as words", async () => {
    const page = [
      '<div class="col-content"><div class="tsd-page-title"><ul class="tsd-breadcrumb" aria-label="Breadcrumb"><li><a href="" aria-current="page">Relay</a></li></ul><h1>Class Relay</h1></div>',
      '<section class="tsd-panel tsd-comment"><div class="tsd-comment tsd-typography"><p>Forwards frames between peers.</p></div></section>',
      '<aside class="tsd-sources"><ul><li>Defined in relay.d.ts:12</li></ul></aside>',
      '<section class="tsd-panel tsd-member"><h3 class="tsd-anchor-link">constructor</h3>',
      '<div class="tsd-parameters"><h4 class="tsd-parameters-title">Parameters</h4><ul class="tsd-parameter-list">',
      '<li><span><code class="tsd-tag">Optional</code><span class="tsd-kind-parameter">options</span>: <span class="tsd-signature-type">RelayOptions</span></span>',
      '<div class="tsd-comment tsd-typography"><p>How often to send a heartbeat.</p></div></li></ul></div>',
      '<aside class="tsd-sources"><ul><li>Defined in relay.d.ts:18</li></ul></aside></section></div>',
    ].join("\n");
    expect(await htmlParagraphs("Relay.html", page)).toEqual([
      ["heading", "Class Relay"],
      ["prose", "Forwards frames between peers."],
      ["heading", "constructor"],
      ["heading", "Parameters"],
      ["list-item", "Optional options: RelayOptions"],
      ["prose", "How often to send a heartbeat."],
    ]);
  });

  it("reads a rustdoc page without its title's and items' version and Source links, module path and toggle labels", async () => {
    const page = [
      '<main><section id="main-content" class="content"><div class="main-heading"><div class="rustdoc-breadcrumbs"><a href="index.html">skyline</a></div>',
      '<h1>Enum <span class="enum">Spacing</span><button id="copy-path">Copy item path</button></h1>',
      '<span class="sub-heading"><span class="since" title="Stable since 1.2.0">1.2.0</span> · <a class="src" href="../src/skyline/lib.rs.html#3">Source</a> </span></div>',
      '<pre class="rust item-decl"><code>pub enum Spacing {\n    Joint,\n    Alone,\n}</code></pre>',
      '<details class="toggle top-doc" open><summary class="hideme"><span>Expand description</span></summary><div class="docblock"><p>Whether a peer joins the next frame.</p></div></details>',
      '<h2 id="variants" class="variants section-header">Variants<a href="#variants" class="anchor">§</a></h2>',
      '<section id="variant.Joint" class="variant"><a href="#variant.Joint" class="anchor">§</a><span class="since rightside" title="Stable since 1.2.0">1.2.0</span><h3 class="code-header">Joint</h3></section>',
      '<div class="docblock"><p>The peer joins the next frame.</p></div>',
      '<section id="impl-Clone" class="impl"><span class="rightside"><span class="since">1.2.0</span> · <a class="src" href="../src/skyline/lib.rs.html#9">Source</a></span><a href="#impl-Clone" class="anchor">§</a><h3 class="code-header">impl Clone for Spacing</h3></section>',
      "</section></main>",
    ].join("\n");
    expect(await htmlParagraphs("enum.Spacing.html", page)).toEqual([
      ["heading", "Enum Spacing"],
      ["code", "pub enum Spacing {\n    Joint,\n    Alone,\n}"],
      ["prose", "Whether a peer joins the next frame."],
      ["heading", "Variants"],
      ["heading", "Joint"],
      ["prose", "The peer joins the next frame."],
      ["heading", "impl Clone for Spacing"],
    ]);
    // A subtitle of another site's own, by the same class name, is read.
    const article = '<main><h1>Relays</h1><p class="sub-heading">How peers pass frames on</p><p>A relay forwards frames.</p></main>';
    expect(await htmlParagraphs("relays.html", article)).toEqual([
      ["heading", "Relays"],
      ["prose", "How peers pass frames on"],
      ["prose", "A relay forwards frames."],
    ]);
  });

  it("reads Javadoc's summaries, a grid of divs, as the table rows they show, under their header", async () => {
    // as javadoc writes them (JDK 17 and 25)
    const page = [
      '<main><section class="method-summary" id="method-summary"><h2>Method Summary</h2>',
      '<div class="summary-table three-column-summary">',
      '<div class="table-header col-first">Modifier and Type</div><div class="table-header col-second">Method</div><div class="table-header col-last">Description</div>',
      '<div class="col-first even-row-color"><code>boolean</code></div>',
      '<div class="col-second even-row-color"><code><a href="#send(java.lang.String)" class="member-name-link">send</a><wbr>(String&nbsp;peer)</code></div>',
      '<div class="col-last even-row-color"><div class="block">Sends a message to a peer.</div></div>',
      '<div class="col-first odd-row-color"><code>void</code></div>',
      '<div class="col-second odd-row-color"><code><a href="#close()" class="member-name-link">close</a>()</code></div>',
      '<div class="col-last odd-row-color"><div class="block">Closes every connection.</div></div>',
      "</div></section></main>",
    ].join("\n");
    expect(await htmlParagraphs("Relay.html", page)).toEqual([
      ["heading", "Method Summary"],
      ["table-row", "| Modifier and Type | Method | Description |"],
      ["table-row", "| boolean | send(String peer) | Sends a message to a peer. |"],
      ["table-row", "| void | close() | Closes every connection. |"],
    ]);
  });

  it("leaves out a table of contents with its title, and a docutils one whose entries are paragraphs, but not a list a paragraph leads into", async () => {
    const page = [
      '<h1 id="backups">Backups</h1><details open><summary class="text-delta">Table of contents</summary><ol id="markdown-toc"><li><a href="#restoring">Restoring</a></li></ol></details>',
      '<div class="contents topic" id="contents"><p class="topic-title">Contents</p><ul><li><p><a class="reference internal" href="#restoring">Restoring</a></p></li></ul></div>',
      '<div><p>This page covers taking and restoring snapshots.</p><ul><li><a href="#restoring">Restoring</a></li></ul></div>',
      '<h2 id="restoring">Restoring</h2><p>Stop the relay, copy a snapshot back, then start it again.</p>',
      '<ol><li>Copy the snapshot back.</li><li>Replay, in order:<ul><li><a href="#journal">the journal</a></li><li><a href="#restoring">the queue</a></li></ul></li></ol>',
    ].join("\n");
    expect(await htmlParagraphs("backups.html", page)).toEqual([
      ["heading", "Backups"],
      ["prose", "This page covers taking and restoring snapshots."],
      ["heading", "Restoring"],
      ["prose", "Stop the relay, copy a snapshot back, then start it again."],
      // links nested under an item that says something of its own are that item's content
      ["list-item", "Copy the snapshot back."],
      ["list-item", "Replay, in order:"],
      ["list-item", "the journal"],
      ["list-item", "the queue"],
    ]);
  });
});

/**
 * Pages as docs generators build them (tests/fixtures/docs-sites: Docusaurus, MkDocs Material,
 * Sphinx with Alabaster, the Read the Docs and the PyData themes, Asciidoctor, Doxygen, MediaWiki, mdBook, GitBook, VitePress, Just the
 * Docs, and a legacy page laid out in divs), written for these tests after each generator's
 * markup: navigation, sidebars, skip links, permalink marks, callout labels, tabs, copy buttons,
 * line numbers, edit links and footers around a few paragraphs of content.
 */
describe("docs sites' built pages, whole", () => {
  const fixtures = join("tests", "fixtures", "docs-sites");
  const expected: Record<string, [string, string][]> = {
    "asciidoctor.html": [
      ["heading", "Skyline Operations Guide"],
      ["prose", "Skyline Team version 2.1"],
      ["prose", "This guide covers day-to-day operation of a relay."],
      ["heading", "Draining a relay"],
      ["prose", "Drain a relay before maintenance so that peers stop routing through it."],
      ["prose", "Draining takes up to two heartbeat periods."],
      ["prose", "Watch the drain with skyline status."],
      ["prose", "drain.sh"],
      ["code", "skyline drain --wait"],
    ],
    "docusaurus.html": [
      ["heading","Configure the relay"],
      ["prose","The relay reads its settings from relay.toml in the working directory when it starts."],
      ["heading","Ports"],
      ["prose","The relay listens on port 7400 for peers and on port 7401 for the admin console."],
      ["prose","Changing a port needs a restart of the relay; a reload is not enough."],
      ["prose","Firewalls on shared hosts"],
      ["prose","Open port 7400 on the host firewall before the first peer connects."],
      ["heading","Install the plugin"],
      ["code","npm install @skyline/relay-plugin"],
      ["code","yarn add @skyline/relay-plugin"],
      ["prose","Then list the plugin in relay.toml:"],
      ["prose","relay.toml"],
      ["code","[plugins]\nload = [\"relay-plugin\"]"],
    ],
    "doxygen.html": [
      ["prose", "skyline::Relay Class Reference"],
      ["prose", "Forwards messages between peers."],
      ["table-row", "| Public Member Functions |  |"],
      ["table-row", "| void | start (int port) |"],
      ["table-row", "|  | Starts listening on port. |"],
    ],
    "gitbook.html": [
      ["heading","Quotas"],
      ["prose","Each tenant may send at most 500 messages a minute through the relay."],
      ["heading","Raising a quota"],
      ["prose","Quotas are raised by the operator with skyline quota set."],
    ],
    "just-the-docs.html": [
      ["heading","Backups"],
      ["prose","The relay writes a snapshot of its queue to /var/lib/skyline every hour."],
      ["heading","Restoring"],
      ["prose","Stop the relay, copy a snapshot back, then start it again."],
      ["prose","Snapshots from relay 1.x cannot be restored into 2.x."],
    ],
    "legacy.html": [
      ["heading","Alerts"],
      ["prose","The relay raises an alert when a peer has been unreachable for two minutes."],
      ["prose","Alerts are mailed to the address in alert_mail."],
      ["prose","Alert levels"],
      ["prose","A warning is raised first; a critical alert follows after ten minutes."],
      ["prose","Note: alerts are not raised during the first minute after start-up."],
    ],
    "material.html": [
      ["heading","Peers"],
      ["prose","A peer is another relay that exchanges messages with this one over port 7400."],
      ["heading","Adding a peer"],
      ["prose","Add each peer's address to the peers list and restart the relay."],
      ["prose","Peers on the same subnet are discovered without being listed."],
      ["prose","Mixed versions"],
      ["prose","Peers running relay 1.x cannot join a 2.x mesh."],
      ["prose","A peer that misses three heartbeats is dropped from the mesh."],
      ["code","skyline peer add 10.0.0.7"],
      ["code","skyline.exe peer add 10.0.0.7"],
      ["prose","The peer list can also be written as a table of addresses:"],
      ["code","peers:\n  - 10.0.0.7"],
      ["prose","Inline line numbers look like this:"],
      ["code","import skyline\nskyline.connect()"],
    ],
    "mediawiki.html": [
      ["heading", "Relay tuning"],
      ["prose", "A relay under heavy load should raise its worker count before its queue size."],
      ["heading", "Workers"],
      ["prose", "Each worker handles one peer connection at a time; eight workers suit most relays."],
    ],
    "mdbook.html": [
      ["heading","Routing"],
      ["prose","Messages are routed along the shortest path of healthy peers."],
      ["heading","Route table"],
      ["prose","Print the current routes with skyline routes."],
      ["code","$ skyline routes\n10.0.0.7 via 10.0.0.1"],
      ["prose","Note: routes are recomputed after every heartbeat."],
    ],
    "pydata.html": [
      ["heading", "Tenants"],
      ["prose", "A tenant is an isolated namespace with its own peers, quotas and admin token."],
      ["heading", "Creating a tenant"],
      ["prose", "Create a tenant with skyline tenant add; names are unique per relay."],
      ["prose", "Deleting a tenant deletes its queued messages."],
    ],
    "sphinx-alabaster.html": [
      ["heading","Heartbeats"],
      ["prose","Every relay sends a heartbeat to each peer every five seconds."],
      ["prose","Heartbeats travel over the peer port, not the admin port."],
      ["prose","Peers explains how peers join."],
      ["heading","Tuning"],
      ["prose","Set heartbeat_interval to change the period:"],
      ["prose","relay.toml"],
      ["code","[heartbeat]\ninterval = \"5s\""],
      ["prose","skyline.beat(peer)"],
      ["prose","Send one heartbeat to peer now."],
      ["prose","The period is measured from the end of the previous heartbeat."],
    ],
    "sphinx-rtd.html": [
      ["heading","Admin console"],
      ["prose","The admin console runs on port 7401 and is reachable only from localhost by default."],
      ["prose","Exposing port 7401 publicly lets anyone drop peers."],
      ["heading","Login"],
      ["prose","Log in with the token printed at start-up."],
      ["code","$ skyline admin --token abc123"],
    ],
    "vitepress.html": [
      ["heading","Retention"],
      ["prose","Delivered messages are kept for seven days, then deleted."],
      ["prose","Set retention = \"30d\" to keep them for a month."],
      ["prose","Disk usage"],
      ["prose","A month of messages needs about 40 GB per busy relay."],
      ["code","skyline retention show"],
    ],
  };

  it.each(Object.keys(expected))("%s is read as its reader sees it: every paragraph of content and nothing else", async (file) => {
    const { paragraphs } = await readDocumentBytes(file, await readFile(join(fixtures, file)));
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual(expected[file]);
  });

  it("titles each page by its own name, without its site's", async () => {
    const titles: Record<string, string> = {};
    for (const file of Object.keys(expected)) titles[file] = (await readDocumentBytes(file, await readFile(join(fixtures, file)))).title ?? "";
    expect(titles).toEqual({
      "asciidoctor.html": "Skyline Operations Guide",
      "docusaurus.html": "Configure the relay",
      // no heading says which part is the page's
      "doxygen.html": "Skyline: skyline::Relay Class Reference",
      "gitbook.html": "Quotas",
      "just-the-docs.html": "Backups",
      "legacy.html": "Alerts",
      "material.html": "Peers",
      "mdbook.html": "Routing",
      "mediawiki.html": "Relay tuning",
      "pydata.html": "Tenants",
      "sphinx-alabaster.html": "Heartbeats",
      "sphinx-rtd.html": "Admin console",
      "vitepress.html": "Retention",
    });
  });

  describe("asked over HTTP", () => {
    let siteBase: string;
    beforeAll(async () => {
      const work = await tempDir("docs-sites");
      const config = loadConfig({ INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
      await buildIndex({ corpusDir: fixtures, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
      siteBase = await startServer(await openService(config), { originals: readOriginal, ratePerMinute: 1000 });
    });

    it("suggests questions about the pages, not about their sites' names", async () => {
      const { suggestions } = (await (await fetch(`${siteBase}/widget/config`)).json()) as { suggestions: string[] };
      expect(suggestions.length).toBeGreaterThan(0);
      for (const question of suggestions) expect(question).not.toMatch(/ [|·—-] |documentation\?/);
      expect(suggestions).toContain("How do I configure the relay?");
    });

    const FURNITURE = ["Skip to", "Edit this page", "Last updated", "Powered by", "Built with", "¶", "Previous", "On this page", "Table of contents", "results matching", "Skyline Guide", "Copyright"];

    it.each([
      ["Which port does the relay listen on for peers?", "docusaurus.html", 4, "port 7400 for peers"],
      ["How often does a relay send a heartbeat?", "sphinx-alabaster.html", 2, "every five seconds"],
      ["What happens to a peer that misses three heartbeats?", "material.html", 8, "dropped from the mesh"],
      ["When does the relay raise an alert?", "legacy.html", 2, "unreachable for two minutes"],
    ] as const)("%s → %s ¶%i, quoting no furniture", async (question, file, paragraph, words) => {
      const response = await fetch(`${siteBase}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
      const answer = (await response.json()) as Answer;
      expect(answer.abstained).toBe(false);
      const citation = answer.citations.find((c) => c.file === file && c.paragraph === paragraph);
      expect(citation, JSON.stringify(answer.citations)).toBeDefined();
      expect(citation!.quote).toContain(words);
      for (const text of [answer.answer, ...answer.citations.map((c) => c.quote)]) for (const mark of FURNITURE) expect(text).not.toContain(mark);
    });
  });
});

