/**
 * What a paragraph is: list items, table rows and headings are short and lean on their
 * neighbours for meaning (when embedded and when answering); a code block is answered whole.
 * Markdown paragraphs get their kind from the parser; plain text is judged by paragraphKind.
 */
export type ParagraphKind = "list-item" | "table-row" | "table-rule" | "heading" | "figure" | "prose" | "code";

const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s*\S/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?[\s:|-]+\|?\s*$/;
/**
 * A line of one character repeated ("-----", "=====", "* * *"): a rule between sections, which
 * says nothing. Read as a list item ("-" and a bullet) or a heading, it was answered from
 * (util-linux's deprecated.txt: "-------------------------- [1]. What: pg(1) command …").
 */
const RULE_LINE = /^\s*([-=_*~+#.·─━═])(?:\s*\1){2,}\s*$/u;
export const isRuleLine = (line: string) => RULE_LINE.test(line);

/** A plain-text paragraph's kind, judged from its text alone (indented code is told by its reader: ingest/plain-text.ts). */
export function paragraphKind(text: string): ParagraphKind {
  if (TABLE_ROW.test(text)) return TABLE_RULE.test(text) ? "table-rule" : "table-row";
  if (isRuleLine(text)) return "table-rule";
  if (LIST_ITEM.test(text)) return "list-item";
  // "[Image of naval patrol vessel]", "[Chart: …]": a placeholder for a figure, not a heading.
  if (/^\[[^\]]*\]$/.test(text.trim())) return "figure";
  // A short line without closing punctuation is a title (plain text, and PDF text in body size).
  // Twelve words: set by hand in the first round (commit 2bc3ef3), not tuned; Markdown, HTML and
  // DOCX take headings from their parsers instead. Closing punctuation includes that of scripts
  // written without spaces (。！？ and their kin), whose whole sentence counts as one "word": a
  // Chinese or Japanese line was otherwise always a title, and titles are never answered from.
  const words = text.split(/\s+/).length;
  if (/^#{1,6}\s/.test(text) || (words <= 12 && !/[.!?:;"”)。！？．：；」』）؟।]$/.test(text))) return "heading";
  return "prose";
}

/**
 * A table row's text (`| a | b |`, as Markdown writes a row) from its cells, and the cells
 * themselves when one holds a `|` (a union type: `boolean \| (req) => boolean`), which the text
 * can no longer tell from a border.
 */
export function tableRow(cells: string[]): { text: string; cells?: string[] } {
  return { text: `| ${cells.join(" | ")} |`, ...(cells.some((c) => c.includes("|")) ? { cells } : {}) };
}

/** The cells of a Markdown table row, trimmed. */
export function tableCells(row: string): string[] {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
}

/**
 * A list item without its bullet or number ("- 2.If possible…" → "If possible…"). A bullet is a
 * marker only before a space ("--module", "-c" are the item's words), a number only before a space
 * or after a bullet, and never the start of a longer number ("2.0, 3.0.x", "1.5 seconds").
 */
export function listItemBody(text: string): string {
  return text.replace(/^\s*(?:(?:[-*+]\s+|•\s*)(?:\d{1,3}[.)](?!\d))?|\d{1,3}[.)](?=\s))\s*/, "");
}
