import type { Paragraph } from "../src/types.js";
import { documentFormat } from "../src/text/document-format.js";

/** A read document, as far as finding a site's boilerplate needs it. */
interface ReadPage {
  file: string;
  paragraphs: Paragraph[];
}

/**
 * How near a page's start or end a paragraph must stand to be read as the site's rather than the
 * page's: a banner sits above the title or just below it, a notice or a footer line among the last
 * few blocks. Three each way, from the furniture the docs-site fixtures' generators place outside
 * any marked element (a version banner, "Was this page helpful?", a copyright line); a label a
 * page's own content repeats ("Arguments:", 22 of undici's 42 pages) stands inside the page.
 */
const EDGE = 3;

/**
 * A site of fewer pages than this is left as it is: with two or three pages, a paragraph they share
 * is as likely shared content (an introduction, a warning) as the site's furniture.
 */
const MIN_PAGES = 4;

/**
 * A site's own text (a version banner, a cookie notice, "Was this page helpful?", a copyright
 * line) is on nearly every page; furniture of a page that no element or class marks (html.ts)
 * is still told apart by that. More than half: an index, a search or a 404 page may lack it.
 * Tried on the seeds and the five training docs folders as if their Markdown files were pages, the
 * rule takes one text, fastify's logo line ("Fastify", atop 33 of its 42 pages), and no content.
 */
const SITE_SHARE = 0.5;

function atEdge(index: number, count: number): boolean {
  return index < EDGE || index >= count - EDGE;
}

/** Texts standing at the edge of more than SITE_SHARE of the HTML pages, headings aside. */
function boilerplateTexts(pages: ReadPage[]): Set<string> {
  const pagesWith = new Map<string, number>();
  for (const page of pages) {
    const texts = new Set<string>();
    page.paragraphs.forEach((p, i) => {
      // A heading names the section the paragraphs after it belong to: never taken away.
      if (p.kind !== "heading" && atEdge(i, page.paragraphs.length)) texts.add(p.text);
    });
    for (const text of texts) pagesWith.set(text, (pagesWith.get(text) ?? 0) + 1);
  }
  return new Set([...pagesWith].filter(([, n]) => n > pages.length * SITE_SHARE).map(([text]) => text));
}

/**
 * A folder's HTML pages without the text their site repeats at the edge of most of them: it is
 * read once, on the first page (in listing order) that has it, so it can still be found and
 * cited, and the other pages' paragraphs are numbered without it. Texts are compared as they
 * are: the HTML reader has collapsed their whitespace already (html-tree.ts, readerText).
 * Markdown, text, Word and PDF files are not pages of a site and are returned as they are (a
 * PDF's running heads are found within the document: pdf/running-lines.ts).
 */
export function withoutSiteBoilerplate<F extends ReadPage>(files: F[]): F[] {
  const pages = files.filter((f) => documentFormat(f.file) === "html");
  if (pages.length < MIN_PAGES) return files;
  const boilerplate = boilerplateTexts(pages);
  if (boilerplate.size === 0) return files;
  const isPage = new Set<F>(pages);
  const seen = new Set<string>();
  return files.map((file) => {
    if (!isPage.has(file)) return file;
    const count = file.paragraphs.length;
    const kept = file.paragraphs.filter((p, i) => {
      if (p.kind === "heading" || !atEdge(i, count) || !boilerplate.has(p.text)) return true;
      if (seen.has(p.text)) return false;
      seen.add(p.text);
      return true;
    });
    if (kept.length === count) return file;
    return { ...file, paragraphs: kept.map((p, i) => ({ ...p, n: i + 1 })) };
  });
}
