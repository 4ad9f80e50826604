import { deflateSync } from "node:zlib";
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from "pdf-lib";

/**
 * Test documents made by the tests themselves (no binary fixtures): PDFs laid out with pdf-lib
 * the way word processors lay them out (running header and footer, one or two columns, lines
 * broken at a fixed width, words hyphenated at line ends), a scanned PDF that is one image per
 * page, and Word files made with docx.
 */

/** A block of text on a PDF page: wrapped to the column, or given line by line (to place hyphens). */
export interface PdfBlock {
  text?: string;
  lines?: string[];
  /** Font size (default 11; 14 reads as a heading). */
  size?: number;
  /** A table, each cell drawn where a word processor puts it (its own text run), the header row bold. */
  table?: PdfTable;
  /** A list with a hanging indent: the marker at the margin, the item's lines at the indent. */
  list?: { items: { marker: string; text: string }[]; indent: number };
}

export interface PdfTable {
  /** Header row first; a "\n" in a cell wraps it. */
  rows: string[][];
  /** Each column's width in points, and how its cells are aligned (numbers: right). */
  columns: { width: number; align?: "left" | "right" }[];
  /** Rules between the rows and around the cells, as a word processor draws a grid. */
  ruled?: boolean;
  /** The header row in the body's font rather than bold. */
  plainHeader?: boolean;
}

export interface PdfPageSpec {
  /** Text at the top of the page; `{page}` is replaced by the page number. */
  header?: string;
  footer?: string;
  /** One column, or several side by side (two or three are read column by column, left to right). */
  columns: PdfBlock[][];
  /** A full-width block above the columns (a title). */
  title?: PdfBlock;
}

const PAGE = { width: 612, height: 792, margin: 72 };
const GUTTER = 36;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Cells are padded as Word pads them by default (0.08 in. left and right). */
const CELL_PADDING = 5.76;

/** Draws a table's rows top-down from y; returns the y below them. */
function drawTable(page: PDFPage, table: PdfTable, fonts: Fonts, x: number, top: number, size: number): number {
  const rowHeight = size * (table.ruled ? 1.8 : 1.4);
  const lineHeight = size * 1.2;
  const right = x + table.columns.reduce((sum, c) => sum + c.width, 0);
  let y = top;
  table.rows.forEach((row, r) => {
    const font = r === 0 && !table.plainHeader ? fonts.bold : fonts.regular;
    let left = x;
    // A cell's "\n" wraps it onto a line of its own, as a word processor wraps a long cell.
    const lines = Math.max(...row.map((cell) => cell.split("\n").length));
    row.forEach((cell, c) => {
      const column = table.columns[c]!;
      cell.split("\n").forEach((text, k) => {
        const textWidth = font.widthOfTextAtSize(text, size);
        const at = column.align === "right" ? left + column.width - CELL_PADDING - textWidth : left + CELL_PADDING;
        if (text) page.drawText(text, { x: at, y: y - k * lineHeight, size, font });
      });
      left += column.width;
    });
    const bottom = y - (lines - 1) * lineHeight;
    if (table.ruled) page.drawLine({ start: { x, y: bottom - size * 0.5 }, end: { x: right, y: bottom - size * 0.5 }, thickness: r === 0 ? 1 : 0.5 });
    y -= rowHeight + (lines - 1) * lineHeight;
  });
  if (table.ruled) {
    let left = x;
    for (const column of [{ width: 0 }, ...table.columns]) {
      left += column.width;
      page.drawLine({ start: { x: left, y: top + size * 1.2 }, end: { x: left, y: y + rowHeight - size * 0.5 }, thickness: 0.5 });
    }
    page.drawLine({ start: { x, y: top + size * 1.2 }, end: { x: right, y: top + size * 1.2 }, thickness: 0.5 });
  }
  return y;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Draws blocks top-down from y; returns the y below them. Blocks are a paragraph gap apart. */
function drawBlocks(page: PDFPage, blocks: PdfBlock[], fonts: Fonts, x: number, width: number, top: number): number {
  const font = fonts.regular;
  let y = top;
  for (const block of blocks) {
    const size = block.size ?? 11;
    if (block.table) {
      y = drawTable(page, block.table, fonts, x, y, size) - size * 0.9;
      continue;
    }
    if (block.list) {
      for (const item of block.list.items) {
        page.drawText(item.marker, { x, y, size, font });
        for (const line of wrap(item.text, font, size, width - block.list.indent)) {
          page.drawText(line, { x: x + block.list.indent, y, size, font });
          y -= size * 1.3;
        }
        y -= size * 0.3;
      }
      y -= size * 0.6;
      continue;
    }
    const lines = block.lines ?? wrap(block.text ?? "", font, size, width);
    for (const line of lines) {
      page.drawText(line, { x, y, size, font });
      y -= size * 1.3;
    }
    y -= size * 0.9;
  }
  return y;
}

export async function makePdf(pages: PdfPageSpec[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const fonts = { regular: font, bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  pages.forEach((spec, i) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    const number = String(i + 1);
    if (spec.header) page.drawText(spec.header.replace("{page}", number), { x: PAGE.margin, y: PAGE.height - 40, size: 9, font });
    if (spec.footer) page.drawText(spec.footer.replace("{page}", number), { x: PAGE.width / 2 - 20, y: 36, size: 9, font });
    const inner = PAGE.width - 2 * PAGE.margin;
    let top = PAGE.height - PAGE.margin - 10;
    if (spec.title) top = drawBlocks(page, [spec.title], fonts, PAGE.margin, inner, top);
    if (spec.columns.length === 1) {
      drawBlocks(page, spec.columns[0]!, fonts, PAGE.margin, inner, top);
    } else {
      const width = (inner - (spec.columns.length - 1) * GUTTER) / spec.columns.length;
      spec.columns.forEach((blocks, c) => drawBlocks(page, blocks, fonts, PAGE.margin + c * (width + GUTTER), width, top));
    }
  });
  return doc.save();
}

/** CRC-32 as PNG chunks need it. */
function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A grey PNG with dark stripes standing in for scanned lines of text. */
function scanImage(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = y % 12 < 3 && x % 40 < 34 ? 40 : 235;
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A scanned document: each page one image, no text layer at all. */
export async function makeScannedPdf(pageCount = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(scanImage(306, 396));
  for (let i = 0; i < pageCount; i++) doc.addPage([PAGE.width, PAGE.height]).drawImage(image, { x: 0, y: 0, width: PAGE.width, height: PAGE.height });
  return doc.save();
}

export interface DocxSpec {
  /** A first paragraph in Word's Title style. */
  title?: string;
  heading: string;
  paragraphs: string[];
  /** Header row first; none when empty. */
  table: string[][];
  after?: string[];
}

export async function makeDocx(spec: DocxSpec): Promise<Buffer> {
  const cell = (text: string, header: boolean) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })], width: { size: 3000, type: WidthType.DXA } });
  const doc = new Document({
    sections: [
      {
        children: [
          ...(spec.title ? [new Paragraph({ text: spec.title, heading: HeadingLevel.TITLE })] : []),
          new Paragraph({ text: spec.heading, heading: HeadingLevel.HEADING_1 }),
          ...spec.paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)], alignment: AlignmentType.LEFT })),
          ...(spec.table.length ? [new Table({ rows: spec.table.map((row, r) => new TableRow({ children: row.map((text) => cell(text, r === 0)), tableHeader: r === 0 })) })] : []),
          ...(spec.after ?? []).map((text) => new Paragraph({ children: [new TextRun(text)] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
