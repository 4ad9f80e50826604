import { loadConfig } from "../../src/config.js";
import { openService } from "../../src/service.js";
import { loadIndex } from "../../src/index-store/load.js";
import { Answerer } from "../../src/answer/answer.js";
import { WordSimilarity } from "../../src/embeddings/word-similarity.js";
import { loadWordVectorTable } from "../../src/embeddings/word-vector-table.js";
const config = loadConfig({ INDEX_DIR: process.argv[2]!, EMBEDDER: "wordvectors" });
const index = await loadIndex(config);
const w = new WordSimilarity(await loadWordVectorTable(config.cacheDir));
const a = new Answerer(index, w);
const q = process.argv[3]!;
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now(); const lap = (l: string) => { const n = performance.now(); process.stdout.write(`${l} ${(n - t).toFixed(1)}  `); t = n; };
  const question = (await import("../../src/retrieval/question.js")).analyzeQuestion(q, a.retriever.lexicon); lap("analyze");
  const v = await index.embedder.embedQuery(question.expandedText); lap("embed");
  index.vectors.searchKnn(v, 50); lap("hnsw");
  a.retriever.bm25.search(question.bm25Query, 50); lap("bm25");
  const r = await a.retriever.retrieve(q, 10); lap("retrieve");
  const ranked = await a.rank(r); lap("rank " + ranked.length);
  a.select(ranked); lap("select");
  console.log([...question.bm25Query.keys()].map((k) => k + ":" + a.retriever.bm25.documentFrequency(k)).join(","));
}
