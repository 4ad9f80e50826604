import { readFileSync } from "node:fs";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { describe, expect, it } from "vitest";
import { buildDir, currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { analyzeQuestion } from "../src/retrieval/question.js";
import { lexiconFrom } from "../src/retrieval/lexicon.js";
import { exhaustiveSearch } from "../src/worker/dense.js";
import { SEED_INDEX, seedConfig } from "./support/seed-index.js";

/** Depth hybrid retrieval reads the dense list to (src/retrieval/hybrid.ts). */
const DEPTH = 50;

describe("the Worker's exhaustive dense search", () => {
  it("finds the same paragraphs in the same order as Node's HNSW graph for every seeds question", async () => {
    const index = await loadIndex(seedConfig());
    const store = await HNSWLib.load(buildDir(SEED_INDEX, (await currentBuildName(SEED_INDEX))!), { embedQuery: async () => [], embedDocuments: async () => [] });
    const dims = index.manifest.embedder.dims;
    const vectors = Float32Array.from(index.paragraphs.flatMap((_, label) => store.index.getPoint(label)));
    const exhaustive = exhaustiveSearch(vectors, dims);
    const lexicon = lexiconFrom(index.lexicon);
    const questions = ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json"].flatMap(
      (file) => (JSON.parse(readFileSync(file, "utf8")) as { question: string }[]).map((q) => q.question),
    );
    for (const question of questions) {
      const vector = await index.dense!.embedQuery(analyzeQuestion(question, lexicon).expandedText);
      const [graph, exact] = [await index.dense!.search(vector, DEPTH), await exhaustive(vector, DEPTH)];
      expect(exact.map((h) => h.label), question).toEqual(graph.map((h) => h.label));
      exact.forEach((h, i) => expect(h.similarity).toBeCloseTo(graph[i]!.similarity, 5));
    }
  });
});
