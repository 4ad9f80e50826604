import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { EmbedderMismatchError, createEmbedder } from "../src/embeddings/embedder.js";
import { openAnswerer, openService } from "../src/open-service.js";
import { CANONICAL } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";
import { buildTinyModel } from "./support/tiny-model.js";

/**
 * The transformers.js tier end to end, with a tiny ONNX model the test builds over the real
 * all-MiniLM-L6-v2 tokenizer (no pretrained weights can be had here), loaded through the same
 * code path a user's downloaded model takes.
 */
let work: string;
let env: Record<string, string>;

beforeAll(async () => {
  work = await tempDir("transformers");
  const model = await buildTinyModel(join(work, "models"));
  env = { EMBEDDER: "transformers", MODELS_DIR: join(work, "models"), EMBEDDING_MODEL: model, INDEX_DIR: join(work, "index") };
});

describe("transformers.js tier", () => {
  it("ingests the seeds, answers with verified citations, and finds the right paragraph", async () => {
    const config = loadConfig(env);
    const embedder = await createEmbedder(config);
    expect(embedder.id).toBe("transformers:test/tiny-minilm:fp32:mean");
    expect(embedder.dims).toBe(32);
    const summary = await buildIndex({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder });
    expect(summary).toMatchObject({ files: 5, paragraphs: 141, embedded: 141, embedder: embedder.id });

    const service = await openService(config);
    expect(service.health().embedder).toBe(embedder.id);
    // The test model's vectors are arbitrary, so only lexically plain questions are expected right;
    // every answer must still be fully cited and verbatim.
    const answer = await service.answer("Which frigate class is behind Wellington's announcement?");
    expect(answer.answer).toMatch(/Mogami/);
    expect(answer.citations[0]).toMatchObject({ file: "000_f4c46dc1b1f883e2.txt", paragraph: 4 });
    // No answer composed over this embedder's candidates fails the checker and is withheld.
    const answerer = await openAnswerer(config);
    for (const question of [CANONICAL, "What is the population of Vietnam?"]) {
      expect((await answerer.decide(question)).withheld, question).toBeUndefined();
    }
  });

  it("is what EMBEDDER=auto picks when the model loads", async () => {
    expect((await createEmbedder(loadConfig({ ...env, EMBEDDER: "auto" }))).id).toMatch(/^transformers:/);
  });

  it("falls back to word vectors under auto when the model cannot load", async () => {
    const lines: string[] = [];
    const embedder = await createEmbedder(loadConfig({ ...env, EMBEDDER: "auto", EMBEDDING_MODEL: "missing/model" }), (l) => lines.push(l));
    expect(embedder.id).toMatch(/^wordvectors:/);
    expect(lines.join("\n")).toMatch(/unavailable.*using word vectors/);
  });

  it("refuses to query an index with a different embedder, saying to re-ingest", async () => {
    await expect(openService(loadConfig({ ...env, EMBEDDER: "wordvectors" }))).rejects.toThrow(EmbedderMismatchError);
    await expect(openService(loadConfig({ ...env, EMBEDDER: "wordvectors" }))).rejects.toThrow(/re-ingest/i);
  });
});
