import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type PdfPageSpec, makeDocx, makePdf, makeScannedPdf } from "./documents.js";

/**
 * The documents the format tests ask about: each fact sits on a known page and paragraph.
 *
 * report.pdf (3 pages, running header and "Page N of 3" footer on each):
 *   p. 2 ¶2 holds "reconstruction" broken as "recon-/struction" and "long-/term" (a compound).
 * survey.pdf (two columns): p. 1 — left column ¶2–¶3, right column ¶4–¶5 after the title ¶1.
 */
export const REPORT_PAGES: PdfPageSpec[] = [
  {
    header: "Annual Harbour Report 2024",
    footer: "Page {page} of 3",
    columns: [[
      { text: "Overview", size: 14 },
      { text: "This report describes the work of the harbour authority during the year, its finances and the state of the port's structures." },
      { text: "Traffic through the port grew by eight percent, mostly container ships calling at the eastern terminal." },
    ]],
  },
  {
    header: "Annual Harbour Report 2024",
    footer: "Page {page} of 3",
    columns: [[
      { text: "Works", size: 14 },
      {
        lines: [
          "In March the harbour authority approved the recon-",
          "struction of the northern breakwater, damaged by the",
          "winter storms, and signed a long-",
          "term dredging contract with Tidewater Marine.",
        ],
      },
      { text: "The southern quay was resurfaced in the summer without closing any berth." },
    ]],
  },
  {
    header: "Annual Harbour Report 2024",
    footer: "Page {page} of 3",
    columns: [[
      { text: "Finances", size: 14 },
      { text: "Port dues brought in 41 million euros, against 37 million the year before." },
    ]],
  },
];

export const SURVEY_PAGES: PdfPageSpec[] = [
  {
    title: { text: "Coastal Survey of the Wrenmoor Estuary", size: 16 },
    columns: [
      [
        { text: "The survey team placed six tide gauges along the estuary between April and June. Each gauge recorded the water level every ten minutes." },
        { text: "Salt marsh covers about a third of the northern shore. The marsh has retreated by forty metres since the previous survey in 2009." },
      ],
      [
        { text: "The Kestrel Point lighthouse keeper logs fog signals every four hours, and more often in winter when the sea fog lies on the estuary." },
        { text: "Grey seals haul out on the sandbanks at low tide. The survey counted two hundred and twelve seals in a single day in May." },
      ],
    ],
  },
];

export const DOCX_SPEC = {
  heading: "Berth allocation",
  paragraphs: ["Berths are allocated by the harbour master one week in advance.", "Vessels longer than two hundred metres use the deep-water berths only."],
  table: [
    ["Berth", "Depth", "Operator"],
    ["North 1", "14 metres", "Harbour Logistics"],
    ["South 4", "9 metres", "Quayside Fisheries Cooperative"],
  ],
  after: ["Allocation disputes go to the port committee."],
};

export const HTML_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry timetable</title>
<style>body { color: red }</style><script>window.__pwned = "head script";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/ferries">All ferries timetable</a></li></ul></nav>
<header><p>Island Ferries — timetable and fares</p></header>
<main>
<h1>Ferry to Marrow Island</h1>
<p>The first ferry to Marrow Island leaves the mainland pier at 6:40 every weekday.</p>
<ul><li>Bicycles travel free of charge.</li><li>Dogs must stay on a lead on the car deck.</li></ul>
<table><tr><th>Ticket</th><th>Price</th></tr><tr><td>Adult return</td><td>18 euros</td></tr><tr><td>Child return</td><td>9 euros</td></tr></table>
<pre><code class="language-sh">ferry-book --route marrow --date today</code></pre>
</main>
<aside><p>Advertisement: cheap flights to the mainland.</p></aside>
<footer><p>Copyright Island Ferries.</p></footer>
<script>window.__pwned = "body script";</script>
</body></html>
`;

/** Writes the format corpus into dir: report.pdf, survey.pdf, scan.pdf, berths.docx, ferry.html. */
export async function writeFormatCorpus(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "report.pdf"), await makePdf(REPORT_PAGES));
  await writeFile(join(dir, "survey.pdf"), await makePdf(SURVEY_PAGES));
  await writeFile(join(dir, "scan.pdf"), await makeScannedPdf());
  await writeFile(join(dir, "berths.docx"), await makeDocx(DOCX_SPEC));
  await writeFile(join(dir, "ferry.html"), HTML_PAGE);
}
