import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { type Embedder, loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { FORMAT_VERSION, type Manifest, buildDir, currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { BM25_FILE, PARAGRAPHS_FILE, SHAPES_FILE, readParagraphs } from "../src/index-store/serving-files.js";
import { prepareIndex } from "../src/startup.js";
import { tempDir } from "./support/temp.js";

const DOCS = "tests/fixtures/harbour-docs";

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadWordVectorEmbedder(loadConfig({}));
});

async function docsIndex() {
  const work = await tempDir("format");
  const corpus = join(work, "docs");
  await cp(DOCS, corpus, { recursive: true });
  const indexDir = join(work, "index");
  await buildIndex({ corpusDir: corpus, indexDir, embedder });
  const dir = buildDir(indexDir, (await currentBuildName(indexDir))!);
  return { corpus, indexDir, dir };
}

const manifestOf = async (dir: string) => JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as Manifest;

describe("index format 7: both layouts in one build", () => {
  it("writes paragraphs.ndjson with the Markdown fields, bm25.bin, shapes.bin, and the corpus in the manifest", async () => {
    const { corpus, indexDir, dir } = await docsIndex();
    const manifest = await manifestOf(dir);
    expect(manifest.formatVersion).toBe(7);
    expect(manifest.corpus).toEqual({ dir: resolve(corpus), name: "docs" });
    expect(Object.keys(manifest.store)).toEqual(expect.arrayContaining([PARAGRAPHS_FILE, BM25_FILE, SHAPES_FILE]));

    const stored = await readParagraphs(join(dir, PARAGRAPHS_FILE));
    const code = stored.filter((p) => p.kind === "code");
    expect(code.length).toBeGreaterThan(0);
    // A fenced block spans lines: its endLine is past its first line, and its fence names the language.
    expect(code.some((p) => p.endLine > p.line && p.language)).toBe(true);
    for (const p of stored) {
      expect(p.endLine).toBeGreaterThanOrEqual(p.line);
      expect(p.kind).toMatch(/^(prose|heading|list-item|table-row|code|figure)$/);
    }

    // What the server loads is exactly what ingest wrote, BM25 included (not rebuilt at load).
    const index = await loadIndex(loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir }), embedder, { corpusDir: corpus });
    expect(index.paragraphs.map((p) => [p.file, p.n, p.endLine, p.kind, p.language])).toEqual(stored.map((p) => [p.file, p.n, p.endLine, p.kind, p.language]));
    expect(index.lexical?.size).toBe(stored.length);
  });
});

describe("an index of an older format", () => {
  /**
   * What each line of work wrote as its format 2, format 4 (before shapes.bin) and format 5 (tables
   * of contents as paragraphs), with the format each says it is.
   */
  const older = [
    [
      "main's format 2 (docstore only, no paragraphs.ndjson or bm25.bin)",
      2,
      async (dir: string) => {
        await rm(join(dir, PARAGRAPHS_FILE));
        await rm(join(dir, BM25_FILE));
        await rm(join(dir, SHAPES_FILE));
      },
    ],
    [
      "hardening's format 2 (paragraphs without endLine or kind)",
      2,
      async (dir: string) => {
        const lines = (await readParagraphs(join(dir, PARAGRAPHS_FILE))).map(({ endLine: _e, kind: _k, language: _l, ...p }) => JSON.stringify(p));
        await writeFile(join(dir, PARAGRAPHS_FILE), `${lines.join("\n")}\n`);
        await rm(join(dir, SHAPES_FILE));
      },
    ],
    [
      "format 4 (no shapes.bin)",
      4,
      async (dir: string) => {
        await rm(join(dir, SHAPES_FILE));
      },
    ],
    ["format 5 (the same files; Markdown read before tables of contents were left out)", 5, async () => {}],
  ] as const;

  it.each(older)("is rebuilt once at start, saying so: %s", async (_name, format, age) => {
    const { corpus, indexDir, dir } = await docsIndex();
    const { store: { [SHAPES_FILE]: _shapes, ...store }, ...manifest } = await manifestOf(dir);
    await age(dir);
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, store, formatVersion: format }));
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, EMBEDDER: "wordvectors" });

    const first: string[] = [];
    await prepareIndex(config, (line) => first.push(line));
    expect(first.filter((l) => new RegExp(`format ${format} and this version reads format ${FORMAT_VERSION}; rebuilding it`).test(l))).toHaveLength(1);
    expect(first.join("\n")).toMatch(new RegExp(`${manifest.paragraphs} embedded, 0 reused`));

    const rebuilt = await manifestOf(buildDir(indexDir, (await currentBuildName(indexDir))!));
    expect(rebuilt.formatVersion).toBe(FORMAT_VERSION);
    const index = await loadIndex(config, embedder, { corpusDir: corpus });
    expect(index.paragraphs.every((p) => p.kind && p.endLine >= p.line)).toBe(true);
    expect(index.shapes?.size).toBe(index.paragraphs.length);

    const second: string[] = [];
    await prepareIndex(config, (line) => second.push(line));
    expect(second.join("\n")).not.toMatch(/rebuilding/);
    expect(second.join("\n")).toMatch(/0 embedded/);
  });

  it("of another corpus is still refused, not rebuilt over", async () => {
    const { indexDir, dir } = await docsIndex();
    const manifest = await manifestOf(dir);
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, formatVersion: 2 }));
    await expect(buildIndex({ corpusDir: "seeds", indexDir, embedder })).rejects.toThrow(/holds the index of .*docs, not of seeds.*--replace/);
    expect((await manifestOf(dir)).formatVersion).toBe(2);
  });
});
