import { execFileSync } from "node:child_process";
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { buildChunks } from "../ingest/chunks.js";
import { readCorpus } from "../ingest/read-corpus.js";
import { loadConfig } from "../src/config.js";
import { firstLine, loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { IndexFolderError, NoDocumentsError, userMessage } from "../src/index-store/corpus-identity.js";
import { describeSkipped } from "../src/index-store/skipped-files.js";
import { openService } from "../src/open-service.js";
import { learnLexicon } from "../src/retrieval/lexicon.js";
import { startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp.js";

describe("nothing outside the corpus", () => {
  let base: string;
  let skipped: { file: string; reason: string }[];
  beforeAll(async () => {
    const work = await tempDir("links");
    const corpus = join(work, "corpus");
    const outside = join(work, "outside");
    await mkdir(join(corpus, "sub"), { recursive: true });
    await mkdir(outside);
    await writeFile(join(corpus, "own.txt"), "The Harbour fund pays for two patrol boats.\n");
    await writeFile(join(corpus, "sub", "inner.txt"), "The Lantern accord trains twelve pilots.\n");
    await writeFile(join(outside, "passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    await writeFile(join(outside, ".env"), "SECRET_TOKEN=do-not-serve-me\n");
    await writeFile(join(outside, "notes.txt"), "Outside notes that must stay outside.\n");
    await writeFile(join(outside, "secret.mdx"), "# Secret\n\nOutside MDX that must stay outside.\n");
    await writeFile(join(corpus, "guide.md"), "# Guide\n\n```sh\nnpm start\n```\n");
    await symlink(join(outside, "passwd"), join(corpus, "passwd.txt"));
    await symlink(join(outside, ".env"), join(corpus, "env.md"));
    await symlink(outside, join(corpus, "elsewhere"));
    await symlink(join(outside, "secret.mdx"), join(corpus, "secret.mdx"));
    await symlink(join(corpus, "own.txt"), join(corpus, "alias.txt"));
    await symlink(join(corpus, "guide.md"), join(corpus, "guide-link.md"));
    await symlink(join(corpus, "sub"), join(corpus, "linked-sub"));
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    const summary = await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    skipped = summary.skipped;
    base = await startServer(await openService(config));
  });

  it("skips links to a file or a folder outside the corpus, saying why", () => {
    expect(skipped).toEqual(
      expect.arrayContaining([
        { file: "passwd.txt", reason: "symlink to outside the corpus" },
        { file: "env.md", reason: "symlink to outside the corpus" },
        { file: "secret.mdx", reason: "symlink to outside the corpus" },
        { file: "elsewhere", reason: "symlink to outside the corpus" },
      ]),
    );
  });

  it("neither lists nor serves them, and still serves links inside the corpus", async () => {
    const landing = await (await fetch(`${base}/`)).text();
    for (const file of ["passwd.txt", "env.md", "elsewhere%2Fnotes.txt"]) expect(landing).not.toContain(file);
    for (const path of ["/sources/passwd.txt/1", "/sources/env.md/1", "/sources/secret.mdx/1", "/sources/elsewhere/notes.txt/1", "/sources/passwd.txt"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await (await fetch(`${base}/sources/alias.txt/1`)).json()).text).toBe("The Harbour fund pays for two patrol boats.");
    expect((await (await fetch(`${base}/sources/linked-sub/inner.txt/1`)).json()).text).toBe("The Lantern accord trains twelve pilots.");
    // A Markdown file reached through a link inside the corpus is read as Markdown.
    expect(await (await fetch(`${base}/sources/guide-link.md/2`)).json()).toMatchObject({ kind: "code", language: "sh", text: "npm start" });
    const health = await (await fetch(`${base}/health`)).json();
    // own, alias, guide, guide-link and linked-sub/inner; sub/ itself is the folder already walked through its link.
    expect(health.documents).toBe(5);
  });
});

describe("one file never fails an ingest", () => {
  it("reads a file of 130,000 short lines (it overflowed the call stack)", async () => {
    const dir = await tempDir("many-lines");
    await writeFile(join(dir, "lines.txt"), `${Array.from({ length: 130_000 }, (_, i) => `row ${i}`).join("\n")}\n`);
    const corpus = await readCorpus(dir);
    expect(corpus.skipped).toEqual([]);
    expect(corpus.files[0]!.paragraphs).toHaveLength(130_000);
    const chunks = buildChunks(corpus.files[0]!.paragraphs);
    expect(chunks).toHaveLength(130_000);
    expect(learnLexicon(chunks.map((c) => c.paragraph.text)).words.length).toBeGreaterThan(0);
  });

  /** Files as a hostile or careless corpus holds them. */
  const fileContent = fc.oneof(
    fc.integer({ min: 1, max: 60_000 }).map((n) => Buffer.from("x\n".repeat(n))), // huge line counts
    fc.integer({ min: 1, max: 2_000_000 }).map((n) => Buffer.from("y".repeat(n))), // one huge line
    fc.string({ maxLength: 200 }).map((s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")])),
    fc.string({ maxLength: 200 }).map((s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, "utf16le").swap16()])),
    fc.string({ maxLength: 200 }).map((s) => Buffer.from(s, "latin1")),
    fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)),
    fc.array(fc.constantFrom("# H", "- item", "| a | b |", "", "   ", "\r", "text.", "\u2028", "\uFEFF"), { maxLength: 2_000 }).map((l) => Buffer.from(l.join("\n"))),
    // Markdown and MDX as remark sees it: unclosed fences and containers, stray tags and braces,
    // broken front matter, and deep nesting (a quote 8,000 deep overflows remark's stack).
    fc
      .array(
        fc.constantFrom("```", "~~~js", "    indented", "> quote", "- [ ] task", "1. one", ":::tip", ":::", "<Badge>", "</div>", "{props.x}", "import A from 'a'",
          "export const b = 1", "---", "title: [", "<!--", "-->", "| a |", "|---|", "[link](", "**bold", "<", "{", "$$", "\t- tab"),
        { maxLength: 500 },
      )
      .map((l) => Buffer.from(l.join("\n"))),
    fc.integer({ min: 1, max: 8_000 }).map((n) => Buffer.from(`${">".repeat(n)} deep quote\n`)),
    fc.integer({ min: 1, max: 60 }).map((n) => Buffer.from(Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n"))),
  );
  const corpusFiles = fc.array(
    fc.record({ depth: fc.integer({ min: 0, max: 40 }), ext: fc.constantFrom(".txt", ".md", ".mdx"), content: fileContent }),
    { minLength: 1, maxLength: 4 },
  );

  it("reads any generated corpus to the end, every file read or skipped with a reason", async () => {
    const root = await tempDir("fuzz");
    let run = 0;
    await fc.assert(
      fc.asyncProperty(corpusFiles, async (files) => {
        const dir = join(root, `run-${run++}`);
        const paths: string[] = [];
        for (const [i, { depth, ext, content }] of files.entries()) {
          const folder = join(dir, ...Array.from({ length: depth }, (_, d) => `d${d}`));
          await mkdir(folder, { recursive: true });
          await writeFile(join(folder, `f${i}${ext}`), content);
          paths.push(join(...Array.from({ length: depth }, (_, d) => `d${d}`), `f${i}${ext}`));
        }
        const corpus = await readCorpus(dir);
        expect([...corpus.files.map((f) => f.file), ...corpus.skipped.map((s) => s.file)].sort()).toEqual(paths.sort());
        for (const s of corpus.skipped) expect(s.reason.length).toBeGreaterThan(0);
        for (const f of corpus.files) buildChunks(f.paragraphs);
        await rm(dir, { recursive: true, force: true });
      }),
      { numRuns: 25, seed: 13 },
    );
  });

  it("skips a Markdown file remark cannot parse, saying why, and indexes the rest", async () => {
    const work = await tempDir("remark-fails");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    await writeFile(join(corpus, "good.md"), "# Good\n\nThe Harbour fund pays for two patrol boats.\n");
    // 20,000 nested quotes: remark recurses once per level and overflows the call stack.
    await writeFile(join(corpus, "deep.md"), `${">".repeat(20_000)} too deep\n`);
    await writeFile(join(corpus, "deep.mdx"), `${">".repeat(20_000)} too deep\n`);
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    const summary = await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    expect(summary.files).toBe(1);
    expect(summary.skipped.map((s) => s.file).sort()).toEqual(["deep.md", "deep.mdx"]);
    // Caught before remark by the nesting check (ingest/markdown-limits.ts), which remark would have overflowed on.
    for (const s of summary.skipped) expect(s.reason).toMatch(/^not parsed as Markdown: lists or quotes nested 20,000 levels deep/);
  });

  it("builds an index from a corpus of such files, skipping the unreadable ones", async () => {
    const work = await tempDir("fuzz-ingest");
    const corpus = join(work, "corpus");
    await mkdir(join(corpus, "a", "b", "c"), { recursive: true });
    await writeFile(join(corpus, "good.txt"), "The Harbour fund pays for two patrol boats.\n");
    await writeFile(join(corpus, "a", "b", "c", "deep.md"), "# Deep\n\nA note three folders down.\n");
    await writeFile(join(corpus, "lines.txt"), "row\n".repeat(5_000));
    await writeFile(join(corpus, "wide.txt"), "z".repeat(1_000_000));
    await writeFile(join(corpus, "utf16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Written in UTF-16.\n", "utf16le")]));
    await writeFile(join(corpus, "noise.txt"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    const summary = await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    expect(summary.files).toBe(5);
    expect(summary.skipped).toEqual([{ file: "noise.txt", reason: "binary file" }]);
  });
});

describe("a line with no sentence ends", () => {
  it("is answered in pieces of its own text, not quoted whole", async () => {
    const work = await tempDir("one-line");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    // 300 KB on one line, no full stop: a log or a dump.
    const words = Array.from({ length: 40_000 }, (_, i) => `entry${i} ok`);
    words.splice(500, 0, "the harbour crane zebra needle was serviced on Tuesday");
    await writeFile(join(corpus, "dump.txt"), `${words.join(" ")}\n`);
    await writeFile(join(corpus, "notes.txt"), "The Lantern accord trains twelve pilots.\n");
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    const service = await openService(config);
    const line = service.document("dump.txt")![0]!.text;
    const answer = await service.answer("When was the harbour crane zebra needle serviced?");
    expect(answer.answer).toContain("zebra needle was serviced on Tuesday");
    expect(answer.answer.length).toBeLessThan(5_000);
    for (const c of answer.citations) {
      expect(c.quote.length).toBeLessThanOrEqual(1_000);
      expect(line.includes(c.quote) || c.file !== "dump.txt").toBe(true);
    }
  }, 120_000);
});

describe("files the listing cannot read", () => {
  it("are named with the reason, never dropped without a word: a named pipe, a symlink loop, a broken link", async () => {
    const corpus = join(await tempDir("odd-entries"), "corpus");
    await mkdir(corpus);
    await writeFile(join(corpus, "notes.txt"), "The Lantern accord trains twelve pilots.\n");
    execFileSync("mkfifo", [join(corpus, "pipe.txt")]);
    await symlink(join(corpus, "loop-b.md"), join(corpus, "loop-a.md"));
    await symlink(join(corpus, "loop-a.md"), join(corpus, "loop-b.md"));
    await symlink(join(corpus, "gone.md"), join(corpus, "dangling.md"));
    const { files, skipped } = await readCorpus(corpus);
    expect(files.map((f) => f.file)).toEqual(["notes.txt"]);
    expect(skipped).toEqual([
      { file: "dangling.md", reason: "broken symlink" },
      { file: "loop-a.md", reason: "symlink loop" },
      { file: "loop-b.md", reason: "symlink loop" },
      { file: "pipe.txt", reason: "not a regular file" },
    ]);
  });
});

describe("an index folder given by mistake", () => {
  const corpusWith = async (name: string) => {
    const work = await tempDir(name);
    const corpus = join(work, "corpus");
    await mkdir(join(corpus, "builds"), { recursive: true });
    await writeFile(join(corpus, "readme.md"), "# Quays\n\nThe north quay takes two cranes.\n");
    await writeFile(join(corpus, "builds", "release-42.md"), "# Release 42\n\nThe crane upgrade ships in build 42.\n");
    const config = loadConfig({ CORPUS_DIR: corpus, EMBEDDER: "wordvectors" });
    const ingest = async (indexDir: string) => buildIndex({ corpusDir: corpus, indexDir, embedder: await loadWordVectorEmbedder(config) });
    return { work, corpus, ingest };
  };

  it("is refused when it is the corpus folder itself, and nothing is written there", async () => {
    const { corpus, ingest } = await corpusWith("index-is-corpus");
    const failure = await ingest(corpus).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(IndexFolderError);
    expect(userMessage(failure, firstLine)).toContain("is the corpus folder itself");
    expect((await readdir(corpus)).sort()).toEqual(["builds", "readme.md"]);
    expect(await readdir(join(corpus, "builds"))).toEqual(["release-42.md"]);
  });

  it("loses none of its own files: only builds ingest made are ever pruned", async () => {
    const { work, corpus, ingest } = await corpusWith("index-has-builds");
    // A folder of the user's that happens to hold builds/, given as the index.
    const other = join(work, "project");
    await mkdir(join(other, "builds", "mystuff"), { recursive: true });
    await writeFile(join(other, "builds", "old-report.txt"), "kept\n");
    await writeFile(join(other, "builds", "mystuff", "a.txt"), "kept\n");
    await ingest(other);
    await writeFile(join(corpus, "readme.md"), "# Quays\n\nThe north quay takes three cranes.\n");
    await ingest(other);
    await writeFile(join(corpus, "readme.md"), "# Quays\n\nThe north quay takes four cranes.\n");
    await ingest(other);
    const entries = await readdir(join(other, "builds"));
    expect(entries).toEqual(expect.arrayContaining(["old-report.txt", "mystuff"]));
    // Ours: the live build and the one before it, the third pruned.
    expect(entries.filter((e) => /^\d{8}T/.test(e))).toHaveLength(2);
    expect(await readdir(join(other, "builds", "mystuff"))).toEqual(["a.txt"]);
  });

  it("that is a file is named as such, not as a raw system error", async () => {
    const { work, ingest } = await corpusWith("index-is-file");
    await writeFile(join(work, "afile"), "not a folder\n");
    const failure = await ingest(join(work, "afile")).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(IndexFolderError);
    expect(userMessage(failure, firstLine)).toMatch(/^Cannot create the index folder .*afile \(EEXIST\); choose another/);
  });
});

describe("documents in formats no reader takes", () => {
  const sphinxFolder = async (name: string, withText: boolean) => {
    const corpus = join(await tempDir(name), "corpus");
    await mkdir(join(corpus, "guide"), { recursive: true });
    await writeFile(join(corpus, "index.rst"), "Widgets\n=======\n\nThe Harbour fund pays for two patrol boats.\n");
    await writeFile(join(corpus, "guide", "setup.adoc"), "= Setup\n\nRun the installer.\n");
    await writeFile(join(corpus, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(corpus, "conf.py"), "project = 'widgets'\n");
    if (withText) await writeFile(join(corpus, "notes.txt"), "The Lantern accord trains twelve pilots.\n");
    return corpus;
  };
  const build = async (corpus: string) => {
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(corpus, "..", "index"), EMBEDDER: "wordvectors" });
    return buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
  };

  it("are reported as skipped, saying which format, while images and code pass unremarked", async () => {
    const summary = await build(await sphinxFolder("unread-formats", true));
    expect(summary.files).toBe(1);
    expect(summary.skipped).toEqual([
      { file: "guide/setup.adoc", reason: "AsciiDoc is not read (convert it to Markdown, HTML, text, Word or PDF)" },
      { file: "index.rst", reason: "reStructuredText is not read (convert it to Markdown, HTML, text, Word or PDF)" },
    ]);
  });

  // Found beside docs on this machine: git's CMakeLists.txt, a Sphinx docs folder's requirements.txt,
  // a saved docs site's robots.txt — each was read line by line as prose, and answered from.
  it("a .txt file a tool reads (build script, pip list, crawler rules) is skipped, saying what it is", async () => {
    const corpus = await sphinxFolder("tool-files", true);
    await mkdir(join(corpus, "docs"));
    await writeFile(join(corpus, "CMakeLists.txt"), "cmake_minimum_required(VERSION 3.14)\nproject(widgets)\n");
    await writeFile(join(corpus, "docs", "requirements.txt"), "Sphinx\nfuro\n");
    await writeFile(join(corpus, "robots.txt"), "User-agent: *\nDisallow: /1.\n");
    await writeFile(join(corpus, "sitemap.txt"), "https://docs.example.org/index.html\nhttps://docs.example.org/setup.html\n");
    await writeFile(join(corpus, "system-requirements.txt"), "The Lantern console needs two gigabytes of memory.\n");
    const summary = await build(corpus);
    expect(summary.files).toBe(2);
    expect(summary.skipped).toEqual(
      expect.arrayContaining([
        { file: "CMakeLists.txt", reason: "a CMake build script, not a document" },
        { file: "docs/requirements.txt", reason: "a Python package list (pip), not a document" },
        { file: "robots.txt", reason: "a web crawler's rules, not a document" },
        { file: "sitemap.txt", reason: "a site's list of its pages' addresses, for crawlers, not a document" },
      ]),
    );
    expect(summary.skipped.map((s) => s.file)).not.toContain("system-requirements.txt");
  });

  // mdBook writes its fonts' licences into every book (fonts/OPEN-SANS-LICENSE.txt), rustdoc into
  // static.files/; read, a question of lorem ipsum was answered from one.
  it("a licence beside a built site's web fonts is skipped, saying so; a project's own licence is read", async () => {
    const corpus = await sphinxFolder("font-licences", true);
    await mkdir(join(corpus, "fonts"));
    await writeFile(join(corpus, "fonts", "open-sans-v17-latin-regular.woff2"), Buffer.from([0x77, 0x4f, 0x46, 0x32, 0, 1, 0, 0]));
    const licence = "Copyright 2020 The Type Project Authors\n\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n";
    await writeFile(join(corpus, "fonts", "OPEN-SANS-LICENSE.txt"), licence);
    await writeFile(join(corpus, "LICENSE.txt"), "The Lantern console is licensed under the MIT licence.\n");
    const summary = await build(corpus);
    expect(summary.skipped).toEqual(
      expect.arrayContaining([{ file: "fonts/OPEN-SANS-LICENSE.txt", reason: "the licence of the web fonts beside it (a built site's assets), not a page of the site" }]),
    );
    expect(summary.skipped.map((s) => s.file)).not.toContain("LICENSE.txt");
    expect(summary.files).toBe(2);
  });

  // javadoc writes legal/jquery.md, jqueryUI.md and dejavufonts.md into every site it builds,
  // beside element-list; read, they were pages of the API reference.
  it("a Javadoc site's legal/ folder of bundled licences is skipped, saying so; legal/ elsewhere is read", async () => {
    const page = (title: string, text: string) => `<!DOCTYPE html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
    const site = join(await tempDir("javadoc-legal"), "api");
    await mkdir(join(site, "legal"), { recursive: true });
    await writeFile(join(site, "element-list"), "demo\n");
    await writeFile(join(site, "index.html"), page("Greeter", "Greets people by name."));
    await writeFile(join(site, "legal", "jquery.md"), "## jQuery v3.7.1\n\n### jQuery License\n\nPermission is hereby granted, free of charge.\n");
    const api = await readCorpus(site);
    expect(api.files.map((f) => f.file)).toEqual(["index.html"]);
    expect(api.skipped).toEqual([{ file: "legal", reason: "the licences of the scripts and fonts Javadoc bundles into the site, not pages of it" }]);

    const handbook = join(await tempDir("handbook-legal"), "handbook");
    await mkdir(join(handbook, "legal"), { recursive: true });
    await writeFile(join(handbook, "index.md"), "# Handbook\n\nHow the team works.\n");
    await writeFile(join(handbook, "legal", "privacy.md"), "# Privacy\n\nWe keep visitor logs for 30 days.\n");
    expect((await readCorpus(handbook)).files.map((f) => f.file)).toEqual(["index.md", "legal/privacy.md"]);
  });

  // mdBook's print.html is the whole book on one page, marked noindex, as its toc.html; every
  // paragraph was read twice and answers cited "print.html". A site marked noindex throughout
  // (an internal docs site) is read whole.
  it("a page the site keeps out of search engines while indexing its others is skipped; a site marked throughout is read", async () => {
    const page = (title: string, text: string, noindex = false) =>
      `<!DOCTYPE html><html><head><title>${title}</title>${noindex ? '<meta name="robots" content="noindex">' : ""}</head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
    const chapters = [
      ["relay.html", "Relay", "The relay forwards messages between peers."],
      ["peers.html", "Peers", "A peer is reachable when it answers a heartbeat."],
      ["quotas.html", "Quotas", "Each peer may send 500 messages a minute."],
    ];
    const site = join(await tempDir("noindex"), "book");
    await mkdir(site, { recursive: true });
    for (const [file, title, text] of chapters) await writeFile(join(site, file!), page(title!, text!));
    await writeFile(join(site, "print.html"), page("The relay book", chapters.map((c) => c[2]).join(" "), true));
    await writeFile(join(site, "toc.html"), page("Contents", "Relay. Peers. Quotas.", true));
    const book = await readCorpus(site);
    expect(book.files.map((f) => f.file)).toEqual(["peers.html", "quotas.html", "relay.html"]);
    expect(book.files.every((f) => !("noindex" in f))).toBe(true);
    expect(book.skipped.map((s) => s.file)).toEqual(["print.html", "toc.html"]);
    expect(book.skipped[0]!.reason).toMatch(/keeps out of search engines \(robots noindex\)/);

    const internal = join(await tempDir("noindex-all"), "wiki");
    await mkdir(internal, { recursive: true });
    for (const [file, title, text] of chapters) await writeFile(join(internal, file!), page(title!, text!, true));
    const wiki = await readCorpus(internal);
    expect(wiki.files).toHaveLength(3);
    expect(wiki.skipped).toEqual([]);
  });

  it("many of one kind are reported in one line, naming a few", async () => {
    const corpus = await sphinxFolder("many-unread", true);
    for (const name of ["api", "changelog", "config", "faq", "install", "tutorial", "usage"]) await writeFile(join(corpus, `${name}.rst`), "Title\n=====\n");
    const summary = await build(corpus);
    expect(summary.skipped).toHaveLength(9);
    expect(describeSkipped(summary.skipped)).toEqual([
      "skipped 8 files: reStructuredText is not read (convert it to Markdown, HTML, text, Word or PDF) — api.rst, changelog.rst, config.rst and 5 more",
      "skipped guide/setup.adoc: AsciiDoc is not read (convert it to Markdown, HTML, text, Word or PDF)",
    ]);
  });

  it("a folder of nothing else fails naming them, not just 'no documents', and the user sees it whole", async () => {
    const corpus = await sphinxFolder("only-unread", false);
    const failure = await build(corpus).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(NoDocumentsError);
    // What `npm start`, `npm run ingest` and `npm run ask` print: not cut to one line.
    expect(userMessage(failure, firstLine).split("\n")).toEqual([
      `No readable documents (.txt, .md, .markdown, .mdx, .html, .htm, .docx, .pdf) in ${corpus}`,
      "  skipped guide/setup.adoc: AsciiDoc is not read (convert it to Markdown, HTML, text, Word or PDF)",
      "  skipped index.rst: reStructuredText is not read (convert it to Markdown, HTML, text, Word or PDF)",
    ]);
  });
});
