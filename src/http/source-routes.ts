import { Hono, type MiddlewareHandler } from "hono";
import type { AskService } from "../service.js";
import { documentFormat } from "../text/document-format.js";
import { errorResponse } from "./errors.js";
import { sourcePage } from "./source-page.js";

/** Where an indexed PDF itself is served: /originals/<file>#page=N. */
export const ORIGINALS_PATH = "/originals/";

/** Reads an indexed document's original bytes (Node: src/http/original-file.ts). */
export type OriginalReader = (service: AskService, file: string) => Promise<Uint8Array | null>;

/**
 * A /sources path read as "<file>/<last segment>": the segment is a paragraph's number when it is
 * one and <file> is a document (a file may sit in a folder, so the whole path may be the document).
 */
const sourcePath = (path: string) => {
  const [, file = "", last = ""] = path.match(/^(.+)\/([^/]*)$/s) ?? [];
  return { file, last, numbered: /^\d+$/.test(last) };
};

/**
 * The indexed name a requested document name stands for: itself, or else the one document whose
 * name is the same text in another Unicode form. Files copied from a Mac keep names in
 * decomposed form (NFD: "e" + U+0301), which a name typed, pasted or passed through a chat app
 * usually is not (NFC: "é"); both look alike, so both must open the page. Two documents whose
 * names differ only in form (possible on Linux) are both reachable by their exact names, and
 * neither by another form.
 */
function indexedName(service: AskService, name: string): string | undefined {
  if (!name || service.document(name)) return name || undefined;
  const wanted = name.normalize("NFC");
  if (wanted === name && !/[^\x00-\x7f]/.test(name)) return undefined;
  const matches = service.files().filter((f) => f.normalize("NFC") === wanted);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * A reader's pages: /sources/<file> (the document, its cited paragraph highlighted),
 * /sources/<file>/<n> (one paragraph as JSON) and, where `originals` can read them, an indexed
 * PDF itself. `limited` is their rate limit.
 */
export function sourceRoutes(service: () => AskService, originals: OriginalReader | undefined, limited: MiddlewareHandler): Hono {
  const routes = new Hono();
  // One route for both forms, since a file may sit in a folder: /sources/<file>[/<n>]. Any
  // character a file name may hold, a newline included (`.` stops at one).
  routes.get("/sources/:path{[\\s\\S]+}", limited, (c) => {
    // One build for the whole response: a live swap between reads could mix two.
    const live = service();
    const asked = c.req.param("path");
    const { file: askedFile, last, numbered } = sourcePath(asked);
    const file = indexedName(live, askedFile) ?? askedFile;
    const paragraphsOfFile = file ? live.document(file) : undefined;
    if (paragraphsOfFile && numbered) {
      const p = paragraphsOfFile[Number(last) - 1];
      if (!p) return errorResponse(c, 404, "not_found", `No paragraph ${last} in ${file}`);
      return c.json({
        file: p.file,
        paragraph: p.n,
        line: p.line,
        endLine: p.endLine,
        start: p.start,
        end: p.end,
        text: p.text,
        kind: p.kind,
        ...(p.language ? { language: p.language } : {}),
        hash: p.hash,
        ...(p.page !== undefined ? { page: p.page, pageParagraph: p.pageParagraph } : {}),
      });
    }
    const path = indexedName(live, asked) ?? asked;
    const paragraphs = live.document(path);
    if (!paragraphs) {
      // Name what is missing: the paragraph of a document there is, the document of "<file>/<n>", or the path.
      const missing = paragraphsOfFile ? `No paragraph ${last} in ${file}` : `No document named ${numbered ? file : path}`;
      return errorResponse(c, 404, "not_found", missing);
    }
    const p = Number(c.req.query("p"));
    const page = Number(c.req.query("page"));
    return c.html(
      sourcePage(path, paragraphs, {
        highlight: Number.isInteger(p) ? p : undefined,
        page: Number.isInteger(page) ? page : undefined,
        whole: c.req.query("whole") === "1",
        title: live.title(path),
      }),
    );
  });

  // The original of an indexed PDF, for reading a cited page in the browser's viewer (#page=3).
  // Only PDFs: an original HTML page served from this origin would run its scripts here.
  routes.get(`${ORIGINALS_PATH}:path{[\\s\\S]+}`, limited, async (c) => {
    const live = service();
    const asked = c.req.param("path");
    const path = indexedName(live, asked) ?? asked;
    const read = originals;
    if (!read || documentFormat(path) !== "pdf" || !live.document(path)) return errorResponse(c, 404, "not_found", `No PDF named ${path}`);
    const bytes = await read(live, path);
    if (!bytes) return errorResponse(c, 404, "not_found", `${path} is no longer in the corpus folder`);
    c.header("content-type", "application/pdf");
    c.header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(path.split("/").pop() ?? path)}`);
    c.header("cache-control", "private, max-age=60");
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });
  return routes;
}
