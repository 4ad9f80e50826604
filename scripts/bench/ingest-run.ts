// One timed ingest in its own process, so its peak memory is its own: prints a JSON line.
import { buildIndex } from "../../ingest/build-index.js";
import { loadConfig } from "../../src/config.js";
import { createEmbedder } from "../../src/embeddings/embedder.js";

const [corpusDir, indexDir] = process.argv.slice(2) as [string, string];
const config = loadConfig();
const embedder = await createEmbedder(config);
const start = performance.now();
const summary = await buildIndex({ corpusDir, indexDir, embedder, force: true });
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, paragraphs: summary.paragraphs, embedder: summary.embedder, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
