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
import { type WordRows, SHARDS, encodeRows, shardOf, wordsToLookUp } from "../src/embeddings/word-vector-shards.js";
import { loadWordVectorTable, wordVectorVersion } from "../src/embeddings/word-vector-table.js";
import type { WordVectorTable } from "../src/embeddings/word-vector-format.js";
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

const config = loadConfig();
const log = (line: string) => process.stderr.write(`${line}\n`);
await prepareIndex(config, log);
const index = await loadIndex(config);
// Where wrangler.toml's [alias] and [assets] look, whichever INDEX_DIR the data comes from.
const out = resolve("index/worker");
await mkdir(out, { recursive: true });

/** Rows of the table for some words, in the order given (words without a vector left out). */
function rowsFor(table: WordVectorTable, words: Iterable<string>): WordRows {
  const found = [...words].filter((w) => table.rows.has(w));
  const rows = found.map((w) => table.rows.get(w)!);
  const values = new Int8Array(rows.length * table.dims);
  rows.forEach((row, i) => values.set(table.values.subarray(row * table.dims, (row + 1) * table.dims), i * table.dims));
  return { words: found, ranks: Int32Array.from(rows), scales: Float32Array.from(rows, (r) => table.scales[r]!), values };
}

const base64 = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");

// Every word answering can read from the corpus side: paragraphs, their context, the answer
// units built from them (a table row is spelled out with its header) and the lexicon.
const table = await loadWordVectorTable(config.cacheDir);
const corpusTexts = index.paragraphs.flatMap((p) => [p.text, p.context, ...answerUnits(p).flatMap((u) => [u.display, ...u.around.map((a) => a.text)])]);
const vocabulary = new Set<string>(index.lexicon.words.map(([w]) => w));
for (const text of corpusTexts) for (const word of wordsToLookUp(text)) vocabulary.add(word);
const corpusWords = rowsFor(table, vocabulary);

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
    corpus: { words: corpusWords.words, ranks: base64(corpusWords.ranks), scales: base64(corpusWords.scales), values: base64(corpusWords.values) },
  },
  ...(paragraphVectors ? { vectors: base64(paragraphVectors) } : {}),
};
await writeFile(join(out, "index-data.js"), `export default ${JSON.stringify(data)};\n`);
await writeFile(join(out, "widget.js"), `export default ${JSON.stringify(await buildWidgetScript())};\n`);

// The whole table, a shard per file, for the Worker's static assets ([assets] in wrangler.toml).
const shardWords: string[][] = Array.from({ length: SHARDS }, () => []);
for (const word of table.rows.keys()) shardWords[shardOf(word)]!.push(word);
const assets = join(out, "assets", "words");
await rm(assets, { recursive: true, force: true });
await mkdir(assets, { recursive: true });
await Promise.all(shardWords.map((words, n) => writeFile(join(assets, `${n}.bin`), encodeRows(rowsFor(table, words), table.dims))));

// One line per paragraph, as `wrangler vectorize insert` reads them.
const lines = index.paragraphs.map((p, label) =>
  JSON.stringify({ id: String(label), values: store.index.getPoint(label), metadata: { file: p.file, paragraph: p.n } }),
);
await writeFile(join(out, "vectors.ndjson"), `${lines.join("\n")}\n`);
log(
  `worker data: ${index.paragraphs.length} paragraphs from ${index.byFile.size} files (${index.manifest.embedder.id}), ` +
    `${corpusWords.words.length} corpus words' vectors, paragraph vectors ${paragraphVectors ? "bundled" : "for Vectorize"} → ${out}`,
);
