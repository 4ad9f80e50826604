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

/** Every extension read, for messages: ".txt, .md, …". */
export const READ_EXTENSIONS = Object.keys(BY_EXTENSION).map((ext) => `.${ext}`).join(", ");

/**
 * Documents a docs site, a report folder or a wiki export often holds that no reader here takes
 * (Sphinx's reStructuredText, AsciiDoc, …). Ignoring them silently would leave a user with a
 * near-empty index and no idea why, so ingest reports each as skipped. Images, code and data
 * files are not documents and are passed over without a word.
 */
const UNREAD_BY_EXTENSION: Record<string, string> = {
  rst: "reStructuredText",
  adoc: "AsciiDoc",
  asciidoc: "AsciiDoc",
  org: "Org",
  tex: "LaTeX",
  rtf: "RTF",
  odt: "OpenDocument",
  doc: "Word 97–2003 (.doc)",
  pptx: "PowerPoint",
  epub: "EPUB",
};

const extensionOf = (file: string) => /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase();

/**
 * `llms.txt` and its companions (`llms-full.txt`, `llms-ctx.txt`): Markdown by their convention
 * (llmstxt.org), which docs sites now publish beside their pages. Read as text, their headings
 * kept their `#` and their link lists quoted URLs ("[Routes](https://…): how to…").
 */
const LLMS_TXT = /(?:^|[\\/])llms(?:-[\w.-]+)?\.txt$/i;

/**
 * Files with a `.txt` name that a tool reads, not a person: a build script, a package list, a
 * crawler's rules. Found beside the docs on this machine, each read line by line as if prose:
 * git's docs hold contrib/buildsystems/CMakeLists.txt (an answer quoted `ETC_GITCONFIG=…) [1].
 * endif() [2].`), python3-pip's and a Sphinx docs folder (charset_normalizer's `docs/`) their
 * requirements.txt, Rust's saved HTML docs a robots.txt and a sitemap.txt (one page address a line). pip's own names only, lower case
 * (requirements.txt, requirements-dev.txt, requirements_test.txt): not "Requirements.txt" or
 * "system-requirements.txt", which a person may well have written.
 */
const TOOL_FILES: [RegExp, string][] = [
  [/(?:^|[\\/])CMakeLists\.txt$/, "a CMake build script"],
  [/(?:^|[\\/])(?:requirements(?:[-_][a-z0-9]+)*|constraints)\.txt$/, "a Python package list (pip)"],
  [/(?:^|[\\/])robots\.txt$/i, "a web crawler's rules"],
  [/(?:^|[\\/])sitemap\.txt$/i, "a site's list of its pages' addresses, for crawlers"],
];
const toolFile = (file: string) => TOOL_FILES.find(([pattern]) => pattern.test(file))?.[1];

/** A file's format by its extension (and `llms.txt` by its name), or undefined for a file no reader takes. */
export function documentFormat(file: string): DocumentFormat | undefined {
  if (LLMS_TXT.test(file)) return "markdown";
  if (toolFile(file)) return undefined;
  const ext = extensionOf(file);
  return ext ? BY_EXTENSION[ext] : undefined;
}

/** Why a document no reader takes is skipped, or undefined when the file is no document at all. */
export function unreadDocumentReason(file: string): string | undefined {
  const tool = toolFile(file);
  if (tool) return `${tool}, not a document`;
  const ext = extensionOf(file);
  const kind = ext ? UNREAD_BY_EXTENSION[ext] : undefined;
  return kind && `${kind} is not read (convert it to Markdown, HTML, text, Word or PDF)`;
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
