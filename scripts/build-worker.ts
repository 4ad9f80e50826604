// npm run build:worker: exports what ingest built into index/worker/ for the Worker bundle —
// paragraphs, lexicon, manifest, the word vectors of the corpus's vocabulary and (for a small
// corpus) the paragraph vectors (index-data.js), the widget (widget.js), the whole word-vector
// table in shards for the Worker's static assets (assets/words/), and the vectors for Vectorize
// (vectors.ndjson, uploaded by npm run deploy:vectors).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { answerUnits } from "../src/answer/units.js";
import { loadConfig } from "../src/config.js";
import { SHARDS, encodeShards, rowsOf, wordsToLookUp } from "../src/embeddings/word-vector-shards.js";
import { loadWordVectorTable, wordVectorVersion } from "../src/embeddings/word-vector-table.js";
import { buildDir, currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { prepareIndex } from "../src/startup.js";
import { buildWidgetScript } from "../src/widget/build.js";

/**
 * Paragraph vectors go in the bundle, searched exhaustively, up to this many bytes (float32):
 * 1 MiB is ~2,600 paragraphs of 100 dims, ~0.3 ms of dot products a question, and keeps the
 * seeds' bundle well inside the free plan's 3 MB. Larger corpora search Vectorize instead.
 */
const BUNDLED_VECTOR_BYTES = 1024 * 1024;

/**
 * The most frequent English words also go in the bundle, so that most questions' words need no
 * read from the static assets: 10,000 add ~0.9 MB gzipped (the seeds' bundle stays near 2.5 MB,
 * under the free plan's 3 MB) and cover all but a handful of the words of the seeds' questions
 * that the corpus lacks.
 */
const BUNDLED_COMMON_WORDS = 10_000;

const config = loadConfig();
const log = (line: string) => process.stderr.write(`${line}\n`);
await prepareIndex(config, log);
const index = await loadIndex(config);
// Where wrangler.toml's [alias] and [assets] look, whichever INDEX_DIR the data comes from.
const out = resolve("index/worker");
await mkdir(out, { recursive: true });

const base64 = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");

// Every word answering can read from the corpus side: paragraphs, their context, the answer
// units built from them (a table row is spelled out with its header) and the lexicon.
const table = await loadWordVectorTable(config.cacheDir);
const corpusTexts = index.paragraphs.flatMap((p) => [p.text, p.context, ...answerUnits(p).flatMap((u) => [u.display, ...u.around.map((a) => a.text)])]);
const vocabulary = new Set<string>(index.lexicon.words.map(([w]) => w));
for (const text of corpusTexts) for (const word of wordsToLookUp(text)) vocabulary.add(word);
for (const [word, rank] of table.rows.entries()) if (rank < BUNDLED_COMMON_WORDS) vocabulary.add(word);
const bundledWords = rowsOf(table, vocabulary);

const store = await HNSWLib.load(buildDir(config.indexDir, (await currentBuildName(config.indexDir))!), { embedQuery: async () => [], embedDocuments: async () => [] });
const dims = index.manifest.embedder.dims;
const bundleVectors = index.manifest.embedder.id.startsWith("wordvectors:") && index.paragraphs.length * dims * 4 <= BUNDLED_VECTOR_BYTES;
const paragraphVectors = bundleVectors ? Float32Array.from(index.paragraphs.flatMap((_, label) => store.index.getPoint(label))) : undefined;

const data = {
  name: index.name,
  manifest: { embedder: index.manifest.embedder, paragraphs: index.manifest.paragraphs, createdAt: index.manifest.createdAt, corpus: index.manifest.corpus },
  titles: index.titles,
  paragraphs: index.paragraphs,
  lexicon: index.lexicon,
  words: {
    version: wordVectorVersion(),
    dims: table.dims,
    size: table.size,
    shards: SHARDS,
    bundled: { words: bundledWords.words, ranks: base64(bundledWords.ranks), scales: base64(bundledWords.scales), values: base64(bundledWords.values) },
  },
  ...(paragraphVectors ? { vectors: base64(paragraphVectors) } : {}),
};
await writeFile(join(out, "index-data.js"), `export default ${JSON.stringify(data)};\n`);
await writeFile(join(out, "widget.js"), `export default ${JSON.stringify(await buildWidgetScript())};\n`);

// The whole table, a shard per file, for the Worker's static assets ([assets] in wrangler.toml).
const assets = join(out, "assets", "words");
await rm(assets, { recursive: true, force: true });
await mkdir(assets, { recursive: true });
await Promise.all(encodeShards(table).map((bytes, n) => writeFile(join(assets, `${n}.bin`), bytes)));

// One line per paragraph, as `wrangler vectorize insert` reads them.
const lines = index.paragraphs.map((p, label) =>
  JSON.stringify({ id: String(label), values: store.index.getPoint(label), metadata: { file: p.file, paragraph: p.n } }),
);
await writeFile(join(out, "vectors.ndjson"), `${lines.join("\n")}\n`);
log(
  `worker data: ${index.paragraphs.length} paragraphs from ${index.byFile.size} files (${index.manifest.embedder.id}), ` +
    `${bundledWords.words.length} words' vectors, paragraph vectors ${paragraphVectors ? "bundled" : "for Vectorize"} → ${out}`,
);
