import { serve } from "@hono/node-server";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "./config.js";
import { createEmbedder, firstLine } from "./embeddings/embedder.js";
import { createApp } from "./http/app.js";
import { openService } from "./service.js";

/** npm start: bring the index up to date with the corpus (embedding only what changed), then serve. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const summary = await buildIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    embedder: await createEmbedder(config, log),
    log,
  });
  for (const s of summary.skipped) log(`skipped ${s.file}: ${s.reason}`);
  log(`index: ${summary.files} files, ${summary.paragraphs} paragraphs (${summary.embedded} embedded, ${summary.reused} reused)`);

  const service = await openService(config);
  log(`embedder: ${service.health().embedder}`);
  const app = createApp(() => service);
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    log(`Listening on http://${config.host}:${info.port} — try: curl -s localhost:${info.port}/ask -H 'content-type: application/json' -d '{"question":"What does OSA fund in Malaysia?"}'`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`could not start: ${firstLine(err)}`);
  process.exit(1);
});
