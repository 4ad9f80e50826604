import { readCorpus } from "../../ingest/read-corpus.js";
import { buildChunks } from "../../ingest/chunks.js";
import { loadConfig } from "../../src/config.js";
import { loadWordVectorEmbedder } from "../../src/embeddings/embedder.js";
import hnsw from "hnswlib-node";
let t = performance.now();
const lap = (l: string) => { const n = performance.now(); console.log(l, ((n - t) / 1000).toFixed(2)); t = n; };
const corpus = await readCorpus("/tmp/c100k"); lap("read");
const chunks = corpus.files.flatMap((f) => buildChunks(f.paragraphs)); lap("chunks");
const e = await loadWordVectorEmbedder(loadConfig()); lap("load wv");
const vecs = await e.embedDocuments(chunks.map((c) => c.text)); lap("embed");
for (const ef of [200, 100, 64]) { const idx = new hnsw.HierarchicalNSW("cosine", 100); idx.initIndex(vecs.length, 16, ef, 100); for (let i = 0; i < vecs.length; i++) idx.addPoint(vecs[i]!, i); lap(`hnsw ef=${ef}`); }
