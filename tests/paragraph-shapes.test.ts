import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { shippedAnswerModel } from "../src/answer/shipped-model.js";
import { loadConfig } from "../src/config.js";
import { type Embedder, loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { readQuestionSet } from "../src/eval/question-set.js";
import type { CorpusIndex } from "../src/index-store/corpus.js";
import { IndexDamagedError, buildDir, currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { PARAGRAPHS_FILE, SHAPES_FILE, readBm25, readParagraphs, readShapes } from "../src/index-store/serving-files.js";
import { HybridRetriever } from "../src/retrieval/hybrid.js";
import { SEED_INDEX, seedConfig } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

/** The Markdown fixture (headings, list items, tables, code) and a docs folder with many lists and tables. */
const HARBOUR = "tests/fixtures/harbour-docs";
const UNDICI = "datasets/undici-docs/corpus";

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadWordVectorEmbedder(loadConfig({}));
});

/** A fresh index of `corpus`, its build folder, and the index loaded as the server loads it. */
async function built(corpus: string): Promise<{ dir: string; index: CorpusIndex }> {
  const indexDir = join(await tempDir("shapes"), "index");
  await buildIndex({ corpusDir: corpus, indexDir, embedder });
  const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, EMBEDDER: "wordvectors" });
  return { dir: buildDir(indexDir, (await currentBuildName(indexDir))!), index: await loadIndex(config, embedder) };
}

async function seedBuild(): Promise<{ dir: string; index: CorpusIndex }> {
  return { dir: buildDir(SEED_INDEX, (await currentBuildName(SEED_INDEX))!), index: await loadIndex(seedConfig()) };
}

describe("shapes.bin", () => {
  it.each([
    ["the seeds", seedBuild],
    ["a Markdown docs folder", () => built(HARBOUR)],
  ])("holds every paragraph's document, kind and text length, in label order: %s", async (_name, build) => {
    const { dir, index } = await build();
    const paragraphs = await readParagraphs(join(dir, PARAGRAPHS_FILE));
    const shapes = await readShapes(join(dir, SHAPES_FILE));
    expect(shapes.size).toBe(paragraphs.length);
    expect(paragraphs.map((_, label) => shapes.of(label))).toEqual(paragraphs.map((p) => ({ file: p.file, kind: p.kind, length: p.text.length })));
    // What the server loads is that file.
    expect(index.shapes?.size).toBe(paragraphs.length);
    expect(index.shapes!.of(paragraphs.length - 1)).toEqual(shapes.of(paragraphs.length - 1));
  });

  it("counts length as JavaScript does (UTF-16 units), for text outside the Basic Multilingual Plane too", async () => {
    const corpus = join(await tempDir("shapes-astral"), "docs");
    await cp(HARBOUR, corpus, { recursive: true });
    await writeFile(join(corpus, "emoji.md"), "# Signals 🚢\n\nThe harbour flies ⚓ and 🏴‍☠️ flags at dawn, and the pilot boat answers with 🚤.\n");
    const { dir } = await built(corpus);
    const paragraphs = await readParagraphs(join(dir, PARAGRAPHS_FILE));
    const shapes = await readShapes(join(dir, SHAPES_FILE));
    const label = paragraphs.findIndex((p) => p.text.includes("🚤"));
    expect(shapes.of(label).length).toBe(paragraphs[label]!.text.length);
    expect(shapes.of(label).length).toBeGreaterThan([...paragraphs[label]!.text].length);
  });

  it("is refused as damaged when it names a kind this version does not know", async () => {
    const { dir } = await seedBuild();
    const bytes = await readFile(join(dir, SHAPES_FILE));
    bytes[bytes.length - 1] = 200; // the last paragraph's kind code
    const path = join(await tempDir("shapes-kind"), SHAPES_FILE);
    await writeFile(path, bytes);
    await expect(readShapes(path)).rejects.toThrow(IndexDamagedError);
    await expect(readShapes(path)).rejects.toThrow(/kind code 200, which this version does not know/);
  });

  it("is refused as damaged when it is cut short or is not a shapes file", async () => {
    const { dir } = await seedBuild();
    const bytes = await readFile(join(dir, SHAPES_FILE));
    const folder = await tempDir("shapes-short");
    await writeFile(join(folder, "short.bin"), bytes.subarray(0, bytes.length - 3));
    await expect(readShapes(join(folder, "short.bin"))).rejects.toThrow(/short\.bin is truncated/);
    await writeFile(join(folder, "other.bin"), Buffer.from("BM25\0\0\0\0"));
    await expect(readShapes(join(folder, "other.bin"))).rejects.toThrow(IndexDamagedError);
  });

  it("shares bm25.bin's header reading: a header that is not JSON is damage in either file", async () => {
    const folder = await tempDir("headers-garbled");
    const garbled = (magic: string) => {
      const prefix = Buffer.alloc(8);
      prefix.write(magic, 0, "latin1");
      prefix.writeUInt32LE(5, 4);
      return Buffer.concat([prefix, Buffer.from("{oops"), Buffer.alloc(3)]);
    };
    await writeFile(join(folder, "shapes.bin"), garbled("SHPS"));
    await writeFile(join(folder, "bm25.bin"), garbled("BM25"));
    await expect(readShapes(join(folder, "shapes.bin"))).rejects.toThrow(/shapes\.bin: its header is not JSON/);
    await expect(readBm25(join(folder, "bm25.bin"))).rejects.toThrow(IndexDamagedError);
    await expect(readBm25(join(folder, "bm25.bin"))).rejects.toThrow(/bm25\.bin: its header is not JSON/);
  });
});

/** Every label a question's retrieval reads from `index.paragraphs`, counted as it reads them. */
function readsCounted(index: CorpusIndex): { index: CorpusIndex; read: Set<number> } {
  const read = new Set<number>();
  const paragraphs = new Proxy(index.paragraphs, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) read.add(Number(key));
      return Reflect.get(target, key, receiver);
    },
  });
  return { index: { ...index, paragraphs }, read };
}

describe("retrieval with the stored shapes", () => {
  let undici: CorpusIndex;
  let harbour: CorpusIndex;
  let questions: { corpus: () => CorpusIndex; question: string }[];
  beforeAll(async () => {
    [undici, harbour] = [(await built(UNDICI)).index, (await built(HARBOUR)).index];
    const seeds = (await seedBuild()).index;
    questions = [
      // (Its support is given by lines, which readQuestionSet does not read: only the questions are needed.)
      ...(JSON.parse(await readFile("datasets/undici-docs/questions.json", "utf8")) as { question: string }[]).map((q) => ({ corpus: () => undici, question: q.question })),
      ...(await readQuestionSet("tests/questions.json")).map((q) => ({ corpus: () => seeds, question: q.question })),
      ...["How do I read a query parameter?", "What is Harbour?", "Which options does the router take?"].map((question) => ({ corpus: () => harbour, question })),
    ];
  });

  it("gives every pooled paragraph the features, and every question the candidates, that reading the paragraphs gives", async () => {
    let pooled = 0;
    for (const { corpus, question } of questions) {
      const index = corpus();
      const fromShapes = new HybridRetriever(index, shippedAnswerModel.paragraphRanker);
      const fromParagraphs = new HybridRetriever({ ...index, shapes: undefined }, shippedAnswerModel.paragraphRanker);
      const [a, b] = [await fromShapes.pool(question), await fromParagraphs.pool(question)];
      expect(a.pool.map((p) => [p.label, p.features])).toEqual(b.pool.map((p) => [p.label, p.features]));
      pooled += a.pool.length;
      const [ca, cb] = [await fromShapes.retrieve(question, 10), await fromParagraphs.retrieve(question, 10)];
      expect(ca.candidates).toEqual(cb.candidates);
    }
    expect(pooled).toBeGreaterThan(50 * questions.length);
  });

  it("reads from the index only the paragraphs it keeps, and the list items and table rows it checks for crowding", async () => {
    let [extraReads, reads, pooled] = [0, 0, 0];
    for (const { corpus, question } of questions) {
      const { index, read } = readsCounted(corpus());
      const retriever = new HybridRetriever(index, shippedAnswerModel.paragraphRanker);
      pooled += (await retriever.pool(question)).pool.length;
      expect(read.size).toBe(0); // pooling and features alone read none
      const { candidates } = await retriever.retrieve(question, 10);
      const kept = new Set(candidates.map((c) => c.label));
      for (const label of read) {
        if (kept.has(label)) continue;
        expect(["list-item", "table-row"]).toContain(index.shapes!.of(label).kind);
        extraReads++;
      }
      reads += read.size;
    }
    // The docs folder's lists do get checked, so the crowding rule is exercised here…
    expect(extraReads).toBeGreaterThan(0);
    // …and still most of what was pooled is never read (~100 a question were before shapes.bin).
    expect(reads).toBeLessThan(pooled / 3);
  });
});
