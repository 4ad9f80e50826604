// npm run build:worker: exports what ingest built into index/worker/ for the Worker bundle —
// paragraphs, lexicon and manifest (index-data.js), the widget (widget.js) and the vectors for
// Vectorize (vectors.ndjson, uploaded by npm run deploy:vectors).
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { loadConfig } from "../src/config.js";
import { loadWordVectorTable } from "../src/embeddings/word-vector-table.js";
import { buildDir, currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { prepareIndex } from "../src/startup.js";
import { buildWidgetScript } from "../src/widget/build.js";

const COMMON_WORDS = 30_000;
const config = loadConfig();
const log = (line: string) => process.stderr.write(`${line}\n`);
await prepareIndex(config, log);
const index = await loadIndex(config);
// Where wrangler.toml's [alias] looks, whichever INDEX_DIR the data comes from.
const out = resolve("index/worker");
await mkdir(out, { recursive: true });

const table = await loadWordVectorTable(config.cacheDir);
const commonWords = [...table.rows.entries()].filter(([word, row]) => row < COMMON_WORDS && /^\p{L}+$/u.test(word)).map(([word]) => word);
const data = {
  name: index.name,
  manifest: { embedder: index.manifest.embedder, paragraphs: index.manifest.paragraphs, createdAt: index.manifest.createdAt, corpus: index.manifest.corpus },
  titles: index.titles,
  paragraphs: index.paragraphs,
  lexicon: index.lexicon,
  commonWords,
};
await writeFile(join(out, "index-data.js"), `export default ${JSON.stringify(data)};\n`);
await writeFile(join(out, "widget.js"), `export default ${JSON.stringify(await buildWidgetScript())};\n`);

// One line per paragraph, as `wrangler vectorize insert` reads them.
const store = await HNSWLib.load(buildDir(config.indexDir, (await currentBuildName(config.indexDir))!), { embedQuery: async () => [], embedDocuments: async () => [] });
const lines = index.paragraphs.map((p, label) =>
  JSON.stringify({ id: String(label), values: store.index.getPoint(label), metadata: { file: p.file, paragraph: p.n } }),
);
await writeFile(join(out, "vectors.ndjson"), `${lines.join("\n")}\n`);
log(`worker data: ${index.paragraphs.length} paragraphs from ${index.byFile.size} files (${index.manifest.embedder.id}) → ${out}`);
