/**
 * A check, before remark sees a Markdown file, for the shapes that make its parse time blow up
 * (issue 13: one file must not stall an ingest, or a server starting on a corpus). It is the cheap
 * first line (one linear scan, no worker spent on a file it refuses); what it does not know — a
 * large but valid file (0.41 MB of ordinary sections took remark 8.5 s, 1.64 MB took 119 s), or
 * a shape not listed here — is bounded by the parser pool's time budget instead (ingest/parser-pool/:
 * remark runs in a worker thread, stopped and the file skipped after PARSE_TIMEOUT_MS). Timed with
 * remark-parse 11 + remark-gfm 4 on this 2-core machine under load (ingest/markdown.ts's parser):
 *
 *   a list nested N levels deep      N = 50: 0.35 s   100: 1.0 s   200: 3.3 s   400: 17 s
 *   a blockquote N levels deep       N = 200: 2.6 s
 *   N `[` in one paragraph           N = 2,000: 0.5 s   10,000: 1.1 s   50,000: ~24 s
 *   N `*`, `` ` `` or `<` likewise   N = 2,000: 0.4–0.7 s   20,000: 2.3–3.4 s
 *
 * The fastify docs (42 files, /work/shared/corpora/fastify-docs) nest at most 3 levels and hold
 * at most 854 of one such character in one block (`_`, Errors.md), so the limits below leave
 * real documentation a wide margin. A file past them is skipped with the reason (a parse of it
 * would not be the document a reader sees anyway). ingest/read-document.ts runs this check on the
 * main thread before handing the text to a worker; parseMarkdown runs it too, for its other callers.
 */

/** Lists and blockquotes nested deeper than this (50 levels parse in 0.35 s); 10× fastify's deepest. */
export const MAX_MARKDOWN_NESTING = 32;

/** More than this many of one inline delimiter in one blank-line-separated block (~1 s of parse); 6× fastify's most. */
export const MAX_DELIMITERS_PER_BLOCK = 5_000;

/** The characters remark's inline parser pairs up (links, emphasis, code spans, HTML/autolinks). */
const DELIMITERS = ["[", "*", "_", "`", "<"] as const;

const FENCE = /^[ \t>]*(?:```|~~~)/;
const QUOTE_AND_INDENT = /^[ \t>]*/;
const LIST_MARKER = /^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;

/** Columns of leading whitespace, tabs to the next multiple of 4 (CommonMark). */
function columns(whitespace: string): number {
  let column = 0;
  for (const c of whitespace) column = c === "\t" ? column + 4 - (column % 4) : column + 1;
  return column;
}

/**
 * How deeply lists and blockquotes nest: each line's `>` markers plus the list items it sits in
 * (an item holds the lines indented at least to its content). An estimate that never needs a
 * parse; fenced code is not counted.
 */
export function markdownNesting(text: string): number {
  const open: number[] = []; // content column of each list item the current line may sit in
  let deepest = 0;
  let inFence = false;
  for (const line of text.split("\n")) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || !line.trim()) continue;
    const prefix = line.match(QUOTE_AND_INDENT)![0];
    const quotes = prefix.split(">").length - 1;
    const indent = columns(prefix.slice(prefix.lastIndexOf(">") + 1));
    while (open.length > 0 && open[open.length - 1]! > indent) open.pop();
    const marker = line.slice(prefix.length).match(LIST_MARKER);
    if (marker) open.push(indent + marker[0].trimEnd().length + 1);
    deepest = Math.max(deepest, open.length + quotes);
  }
  return deepest;
}

/** The largest count of one delimiter in one blank-line-separated block, and which delimiter. */
export function densestBlock(text: string): { delimiter: string; count: number } {
  let densest = { delimiter: "", count: 0 };
  for (const block of text.split(/\n[ \t]*\n/)) {
    if (block.length <= densest.count) continue; // cannot hold more
    for (const delimiter of DELIMITERS) {
      let count = 0;
      for (let at = block.indexOf(delimiter); at !== -1; at = block.indexOf(delimiter, at + 1)) count++;
      if (count > densest.count) densest = { delimiter, count };
    }
  }
  return densest;
}

/** A Markdown file remark is not given (see above); the message says why. */
export class MarkdownTooComplexError extends Error {}

/** Why remark should not be given this text, or null when it may. */
export function markdownTooComplex(text: string): string | null {
  const nesting = markdownNesting(text);
  if (nesting > MAX_MARKDOWN_NESTING) {
    return `lists or quotes nested ${nesting.toLocaleString("en")} levels deep (more than ${MAX_MARKDOWN_NESTING} would stall the Markdown parser)`;
  }
  const { delimiter, count } = densestBlock(text);
  if (count > MAX_DELIMITERS_PER_BLOCK) {
    return `${count.toLocaleString("en")} "${delimiter}" in one block (more than ${MAX_DELIMITERS_PER_BLOCK.toLocaleString("en")} would stall the Markdown parser)`;
  }
  return null;
}
