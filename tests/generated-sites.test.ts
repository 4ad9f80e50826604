import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../ingest/read-corpus.js";

/**
 * Sites built by real docs generators (MkDocs, Material, Sphinx with MyST, VitePress) from one small
 * Markdown source (tests/fixtures/generated-sites/README.md says which versions and commands), read
 * as a user points the service at a built site's output folder.
 */
const FIXTURES = join(import.meta.dirname, "fixtures", "generated-sites");
const site = (name: string) => join(FIXTURES, name);
const filesOf = (corpus: { files: { file: string }[] }) => corpus.files.map((f) => f.file);

describe("a Sphinx site's output folder", () => {
  it.each(["sphinx-alabaster", "sphinx-rtd"])("%s: the `_sources/*.md.txt` copies are skipped with their reason, each page read once", async (name) => {
    const { files, skipped } = await readCorpus(site(name));
    expect(filesOf({ files }).filter((f) => f.startsWith("_sources/"))).toEqual([]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { file: "_sources/index.md.txt", reason: "the source Sphinx copies beside its page (index.html is read)" },
        { file: "_sources/keeper/lamps.md.txt", reason: "the source Sphinx copies beside its page (keeper/lamps.html is read)" },
        { file: "_sources/keeper/logbook.md.txt", reason: "the source Sphinx copies beside its page (keeper/logbook.html is read)" },
      ]),
    );
    expect(filesOf({ files })).toEqual(expect.arrayContaining(["index.html", "keeper/lamps.html", "keeper/logbook.html"]));
  });
});

describe("the pages a generator writes beside the site's own", () => {
  it.each(["mkdocs", "material", "vitepress"])("%s: the not-found page (404.html) is skipped, not read as 'Page not found'", async (name) => {
    const { files, skipped } = await readCorpus(site(name));
    expect(filesOf({ files })).not.toContain("404.html");
    expect(skipped).toContainEqual({ file: "404.html", reason: "the site's page-not-found page" });
  });

  it.each(["sphinx-alabaster", "sphinx-rtd"])("%s: search.html and genindex.html are skipped with their reasons", async (name) => {
    const { files, skipped } = await readCorpus(site(name));
    expect(filesOf({ files })).toEqual(["index.html", "keeper/lamps.html", "keeper/logbook.html"]);
    expect(skipped).toContainEqual({ file: "search.html", reason: "a search page (its results are filled in by the site's script)" });
    expect(skipped).toContainEqual({ file: "genindex.html", reason: "the site's generated index of terms (genindex)" });
    const texts = files.flatMap((f) => f.paragraphs.map((p) => p.text));
    expect(texts).not.toContain("Searching for multiple words only shows matches that contain all words.");
    expect(texts).not.toContain("Built with Sphinx using a theme provided by Read the Docs.");
  });
});

describe("Read the Docs' theme (sphinx_rtd_theme)", () => {
  it("reads headings without the permalink's icon glyph (U+F0C1), so pages are titled by them", async () => {
    const { files } = await readCorpus(site("sphinx-rtd"));
    const lamps = files.find((f) => f.file === "keeper/lamps.html")!;
    expect(lamps.paragraphs.filter((p) => p.kind === "heading").map((p) => p.text)).toEqual(["Lamps", "Trimming the wick"]);
    expect(lamps.title).toBe("Lamps");
    expect(files.flatMap((f) => f.paragraphs).filter((p) => /\p{Co}/u.test(p.text))).toEqual([]);
  });
});

describe("a list docutils writes (Sphinx with MyST: every item's text in a <p>)", () => {
  it.each(["sphinx-alabaster", "sphinx-rtd"])("%s: its items are list items, as in the Markdown and in MkDocs' and VitePress' pages", async (name) => {
    const { files } = await readCorpus(site(name));
    const logbook = files.find((f) => f.file === "keeper/logbook.html")!;
    expect(logbook.paragraphs.slice(3).map((p) => [p.kind, p.text])).toEqual([
      ["list-item", "the weather and the sea state"],
      ["list-item", "every ship sighted, with its heading"],
      ["list-item", "any fault in the lamp or the fog signal"],
    ]);
  });
});

/** Where each generator writes the page built from `source/<page>.md`. */
const PAGE_OF: Record<string, (page: string) => string> = {
  mkdocs: (page) => (page === "index" ? "index.html" : `${page}/index.html`),
  material: (page) => (page === "index" ? "index.html" : `${page}/index.html`),
  "sphinx-alabaster": (page) => `${page}.html`,
  "sphinx-rtd": (page) => `${page}.html`,
  vitepress: (page) => `${page}.html`,
};
/** Sphinx's smart quotes ("keeper’s") are the generator's own, not a reader's. */
const shape = (p: { kind: string; text: string; language?: string }) => [p.kind, p.text.replace(/[\u2018\u2019]/g, "'"), p.language ?? ""];

describe("each generator's site, read whole", () => {
  it.each(Object.keys(PAGE_OF))("%s: every page reads as the Markdown it was built from, paragraph for paragraph, and nothing else is read", async (name) => {
    const source = await readCorpus(site("source"));
    const built = await readCorpus(site(name));
    expect(filesOf(built).sort()).toEqual(source.files.map((f) => PAGE_OF[name]!(f.file.replace(/\.md$/, ""))).sort());
    for (const page of source.files) {
      const html = built.files.find((f) => f.file === PAGE_OF[name]!(page.file.replace(/\.md$/, "")))!;
      expect(html.paragraphs.map(shape), page.file).toEqual(page.paragraphs.map(shape));
    }
  });
});

describe("a Sphinx page's toctree (the site's table of contents the toctree directive writes into it)", () => {
  it("is left out with its caption; the page's own text is read", async () => {
    const { files } = await readCorpus(site("sphinx-rtd-toctree"));
    expect(files.map((f) => [f.file, f.paragraphs.map((p) => [p.kind, p.text])])).toEqual([
      ["index.html", [["heading", "Lighthouse keeper’s handbook"], ["prose", "This handbook tells a new keeper how to tend the lamp and keep the log."]]],
    ]);
  });
});

describe("a page that opens with the site's logo heading (fastify's `<h1 align=\"center\">Fastify</h1>` atop its pages)", () => {
  it("is titled by the heading its <title> names, without the site's name", async () => {
    const { files } = await readCorpus(site("mkdocs-logo-heading"));
    const page = files.find((f) => f.file === "fog-signals/index.html")!;
    expect(page.paragraphs.filter((p) => p.kind === "heading").map((p) => p.text)).toEqual(["Lighthouse", "Fog signals"]);
    expect(page.title).toBe("Fog signals");
  });
});
