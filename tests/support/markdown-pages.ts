import { parseMarkdown } from "../../ingest/markdown.js";

/** A Markdown page's paragraphs as `[line, kind, text]`: where each block starts, what it is, what it shows. */
export const readPage = (text: string) => parseMarkdown("page.md", text).paragraphs.map((p) => [p.line, p.kind, p.text]);

/** Each paragraph's source in the page, as its offsets (`slice`) and its line numbers (`lines`) point at it. */
export const pageSources = (text: string) => {
  const lines = text.split("\n");
  return parseMarkdown("page.md", text).paragraphs.map((p) => ({
    slice: text.slice(p.start, p.end),
    lines: lines.slice(p.line - 1, p.endLine).join("\n"),
  }));
};
