import { documentFormat } from "../src/text/document-format.js";
import type { SkippedFile } from "./listing.js";

/** A read document, as far as weighing a site's unindexed pages needs it. */
interface ReadPage {
  file: string;
  noindex?: true;
}

/**
 * A site keeps a few of its pages out of search engines because they repeat its others: mdBook's
 * `print.html` is the whole book on one page (read, every paragraph was there twice, and answers
 * cited "print.html ¶1089"), its `toc.html` the sidebar's contents, the Rust book's 61 moved-page
 * stubs ("There is a new edition of the book and this is an old link") a paragraph of the chapter
 * each. Such a page, marked `<meta name="robots" content="noindex">`, is skipped with its reason
 * when fewer than half the folder's pages are marked so. A site marked throughout (Docusaurus'
 * `noIndex` for a staging or internal site, the very docs a user may point us at) is no
 * exception of the site's, and is read whole: half, as for a site's boilerplate (SITE_SHARE).
 */
const EXCEPTION_SHARE = 0.5;

export function withoutUnindexedPages<F extends ReadPage>(files: F[], skipped: SkippedFile[]): F[] {
  const pages = files.filter((f) => documentFormat(f.file) === "html");
  const unindexed = pages.filter((f) => f.noindex);
  const exception = unindexed.length > 0 && unindexed.length < pages.length * EXCEPTION_SHARE;
  const kept: F[] = [];
  for (const file of files) {
    if (exception && file.noindex) {
      skipped.push({ file: file.file, reason: "a page the site keeps out of search engines (robots noindex) while indexing its others: it repeats them (a print page, a contents page, a moved page)" });
      continue;
    }
    const { noindex: _, ...rest } = file;
    kept.push(rest as F);
  }
  return kept;
}
