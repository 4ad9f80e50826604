import type { PdfBlock, PdfPageSpec } from "./documents.js";

/**
 * PDF pages for the table tests (tests/pdf-layout.test.ts): a report page with a table between
 * two paragraphs (ruled or not), a two-column page of prose, and a list with a hanging indent.
 * The last two must read as they did before tables were detected.
 */
export const TONNAGE_ROWS = [
  ["Terminal", "Operator", "Vessels", "Tonnes"],
  ["East", "Harbour Logistics", "412", "1,840,000"],
  ["West", "Quayside Fisheries Cooperative", "238", "96,500"],
  ["North", "Tidewater Marine", "157", "612,300"],
  ["South", "Baltic Bulk", "89", "1,120,750"],
  ["Ferry pier", "Island Ferries", "1,046", "38,200"],
];

const table = (ruled: boolean, plainHeader: boolean): PdfBlock => ({
  table: {
    rows: TONNAGE_ROWS,
    columns: [{ width: 90 }, { width: 190 }, { width: 80, align: "right" }, { width: 100, align: "right" }],
    ruled,
    plainHeader,
  },
});

/** The report page; with `plainHeader`, the header row is told from the body only by heading columns of figures. */
export const tablePage = (ruled: boolean, plainHeader = false): PdfPageSpec => ({
  columns: [[
    { text: "Cargo handled", size: 14 },
    { text: "The five terminals of the port handled more cargo than in any year before, as the table below shows for each terminal and its operator." },
    table(ruled, plainHeader),
    { text: "The ferry pier counts passengers' vehicles only; foot passengers are reported separately in the section on ferries." },
  ]],
});

export const TWO_COLUMN_PROSE: PdfPageSpec = {
  title: { text: "Notes on the Estuary Moorings", size: 16 },
  columns: [
    [
      { text: "Moorings in the upper estuary are let for a season at a time. Each mooring is inspected in March, and a chain found worn below two thirds of its thickness is replaced before the season opens." },
      { text: "The waiting list for a mooring is kept by the harbour office, which writes to those at its head in January." },
    ],
    [
      { text: "Visitors may use the three buoys off the slipway for one night without charge. A longer stay is paid at the harbour office or to the launch crew on their evening round." },
      { text: "The launch runs from the slipway on the hour between eight in the morning and ten at night." },
    ],
  ],
};

export const HANGING_LIST: PdfPageSpec = {
  columns: [[
    { text: "Before a vessel enters the inner basin, its master must:" },
    {
      list: {
        indent: 24,
        items: [
          { marker: "1.", text: "Call the harbour office on channel 12 at least thirty minutes before arriving at the outer buoy." },
          { marker: "2.", text: "Declare the vessel's draught, length and cargo." },
          { marker: "3.", text: "Wait for the lock keeper's signal, a green light on the east pier, before entering the lock." },
          { marker: "4.", text: "Keep to four knots inside the basin." },
        ],
      },
    },
    { text: "A vessel that arrives unannounced waits at the outer buoy until the office has answered." },
  ]],
};

/** The same table with one operator's name wrapped onto a second line in its cell. */
export const WRAPPED_CELL_PAGE: PdfPageSpec = {
  columns: [[
    { text: "The terminals and their operators are listed below for the year under review." },
    {
      table: {
        rows: TONNAGE_ROWS.map((row) => (row[0] === "West" ? [row[0], "Quayside Fisheries\nCooperative", row[2]!, row[3]!] : row)),
        columns: [{ width: 90 }, { width: 130 }, { width: 80, align: "right" }, { width: 100, align: "right" }],
        ruled: true,
      },
    },
    { text: "The ferry pier counts passengers' vehicles only." },
  ]],
};

/** A table of twenty berths under a one-line lead-in: most of the page, on both sides of its middle. */
export const BERTHS_PAGE: PdfPageSpec = {
  columns: [[
    { text: "Berths by terminal." },
    {
      table: {
        rows: [["Berth", "Terminal", "Depth", "Length"], ...Array.from({ length: 20 }, (_, i) => [`B${i + 1}`, ["East", "West", "North"][i % 3]!, `${9 + (i % 6)} m`, `${150 + i * 10} m`])],
        columns: [{ width: 60 }, { width: 160 }, { width: 90, align: "right" }, { width: 90, align: "right" }],
      },
    },
  ]],
};

const newsletter = "The harbour office keeps a register of every mooring and its holder, and writes to each holder before the season opens with the dues for the year ahead.";

/** Prose in three columns side by side: lines that line up in three columns, but are not a table. */
export const THREE_COLUMN_PROSE: PdfPageSpec = {
  columns: [[{ text: newsletter }, { text: newsletter }], [{ text: newsletter }, { text: newsletter }], [{ text: newsletter }, { text: newsletter }]],
};

/** A table of words only, its header told from the body by its bold font alone. */
export const CONTACTS_ROWS = [
  ["Terminal", "Operator", "Office"],
  ["East", "Harbour Logistics", "Gate house"],
  ["West", "Quayside Fisheries Cooperative", "Fish market"],
  ["North", "Tidewater Marine", "Dredger quay"],
];

export const CONTACTS_PAGE: PdfPageSpec = {
  columns: [[
    { text: "Each terminal's operator keeps an office on site, where permits are issued." },
    { table: { rows: CONTACTS_ROWS, columns: [{ width: 90 }, { width: 190 }, { width: 120 }] } },
  ]],
};

/**
 * A record's fields laid out in columns in the body's font (as a specification lists a binary
 * format): no row is a header, so reading the others under the first one's cells would mislabel them.
 */
export const FIELDS_PAGE: PdfPageSpec = {
  columns: [[
    { text: "Each match record is laid out as follows, all values in network byte order." },
    {
      table: {
        rows: [["4", "CARD32", "PRIORITY"], ["4", "CARD32", "MIME_TYPE_OFFSET"], ["4", "CARD32", "N_MATCHLETS"], ["4", "CARD32", "FIRST_MATCHLET_OFFSET"]],
        columns: [{ width: 40 }, { width: 80 }, { width: 200 }],
        plainHeader: true,
      },
    },
  ]],
};

/** A two-column page whose right column holds a small table between two paragraphs. */
export const DUES_ROWS = [
  ["Length", "Upper", "Lower"],
  ["Under 6 m", "310", "240"],
  ["6 to 9 m", "420", "330"],
  ["Over 9 m", "560", "450"],
];

export const TABLE_IN_COLUMN: PdfPageSpec = {
  columns: [
    TWO_COLUMN_PROSE.columns[0]!,
    [
      { text: "Dues for the season, by length of boat:" },
      { table: { rows: DUES_ROWS, columns: [{ width: 80 }, { width: 70, align: "right" }, { width: 70, align: "right" }] } },
      { text: "Visitors may use the three buoys off the slipway for one night without charge." },
    ],
  ],
};

/** A newsletter page in three columns, each column's two paragraphs on a subject of its own. */
export const NEWSLETTER_COLUMNS = [
  [
    "The harbour office keeps a register of every mooring and its holder.",
    "Holders are written to in January with the dues for the season ahead.",
  ],
  [
    "The slipway at the east quay was rebuilt over the winter by a local firm.",
    "It reopens to trailers in April, once the concrete has cured.",
  ],
  [
    "The lifeboat crew trains every Thursday evening from the boathouse.",
    "Volunteers over eighteen may join after a medical and a swimming test.",
  ],
];

/** Words wrapped at a number of characters: lines well short of the column's width. */
const wrapAt = (text: string, chars: number) =>
  text.split(" ").reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);

/**
 * The first column's lines are kept short (the second and third fill theirs), so its gutter is
 * the page's widest: read as two columns, columns 2 and 3 would be one, line by line across both.
 */
export const THREE_COLUMN_NEWSLETTER: PdfPageSpec = {
  columns: NEWSLETTER_COLUMNS.map((texts, c) => texts.map((text) => (c === 0 ? { lines: wrapAt(text, 18) } : { text }))),
};

export const THREE_COLUMN_WITH_TITLE: PdfPageSpec = { ...THREE_COLUMN_NEWSLETTER, title: { text: "Harbour News for the Spring Season", size: 16 } };
