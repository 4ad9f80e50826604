/**
 * The kinds of document a corpus may hold, known by their file name's extension: what ingest
 * reads (ingest/listing.ts), how it splits them (ingest/read-document.ts), and what /health and
 * the landing page count.
 */
export type DocumentFormat = "text" | "markdown" | "html" | "docx" | "pdf";

const BY_EXTENSION: Record<string, DocumentFormat> = {
  txt: "text",
  md: "markdown",
  markdown: "markdown",
  mdx: "markdown",
  html: "html",
  htm: "html",
  docx: "docx",
  pdf: "pdf",
};

/** A file's format by its extension, or undefined for a file no reader takes. */
export function documentFormat(file: string): DocumentFormat | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

/** How the landing page names each format. */
export const FORMAT_NAMES: Record<DocumentFormat, string> = { text: "text", markdown: "Markdown", html: "HTML", docx: "Word", pdf: "PDF" };

/** Documents counted by format, in a fixed order, formats with none left out. */
export function countByFormat(files: Iterable<string>): Partial<Record<DocumentFormat, number>> {
  const counts: Partial<Record<DocumentFormat, number>> = {};
  for (const file of files) {
    const format = documentFormat(file);
    if (format) counts[format] = (counts[format] ?? 0) + 1;
  }
  const order = Object.keys(FORMAT_NAMES) as DocumentFormat[];
  return Object.fromEntries(order.filter((f) => counts[f]).map((f) => [f, counts[f]!]));
}
