import cliProgress from "cli-progress";
import { loadConfig } from "../src/config.js";
import { createEmbedder, firstLine } from "../src/embeddings/embedder.js";
import { commandLineOrExit } from "../src/cli/args.js";
import { NoDocumentsError, userMessage } from "../src/index-store/corpus-identity.js";
import { describeSkipped } from "../src/index-store/skipped-files.js";
import { READ_EXTENSIONS } from "../src/text/document-format.js";
import { counted } from "../src/text/plural.js";
import { IngestBusyError, type IngestSummary, buildIndex } from "./build-index.js";
import { INGEST_EXIT } from "./errors.js";
import { quarterLines } from "./progress.js";

const USAGE = `Usage: npm run ingest [-- --dir seeds --index index --json --force --replace]
  --dir DIR     folder of documents (default: CORPUS_DIR or seeds), read recursively:
                ${READ_EXTENSIONS}
  --index DIR   where the index is written (default: INDEX_DIR, else index/ for seeds and
                index/corpora/<folder>-<hash>/ for any other folder)
  --force       re-embed everything instead of reusing unchanged paragraphs
  --replace     overwrite an index that was built from another folder (refused otherwise)
  --json        end with one JSON summary line
  -h, --help    show this help`;

/** A bar on a terminal; plain lines (start, every 25 %, end) in logs and CI. */
function progressReporter(json: boolean, what: string, unit: string): (done: number, total: number) => void {
  if (process.stderr.isTTY && !json) {
    const bar = new cliProgress.SingleBar(
      { format: `${what} {bar} {value}/{total} ${unit}`, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    return (done, total) => {
      if (done === 0) bar.start(total, 0);
      else bar.update(done);
      if (done === total) bar.stop();
    };
  }
  return quarterLines((line) => process.stderr.write(`${line}\n`), what, unit);
}

function report(summary: IngestSummary, json: boolean): void {
  for (const line of describeSkipped(summary.skipped)) process.stderr.write(`${line}\n`);
  process.stderr.write(
    `${counted(summary.files, "file")}, ${counted(summary.paragraphs, "paragraph")}: ${summary.embedded} embedded, ` +
      `${summary.reused} reused, ${summary.removed} removed (${summary.embedder})\n`,
  );
  if (json) {
    const { build: _build, ...line } = summary;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

async function main(): Promise<void> {
  const args = commandLineOrExit("npm run ingest", USAGE, {
    options: {
      dir: { type: "string" },
      index: { type: "string" },
      json: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      replace: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
  // --dir without --index gets that folder's own index (see defaultIndexDir), never the seeds'.
  const config = loadConfig({ ...process.env, ...(args.dir ? { CORPUS_DIR: args.dir } : {}), ...(args.index ? { INDEX_DIR: args.index } : {}) });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const embedder = await createEmbedder(config, log);
  const summary = await buildIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    embedder,
    force: args.force,
    replace: args.replace,
    onRead: progressReporter(args.json, "reading", "files"),
    onProgress: progressReporter(args.json, "embedding", "paragraphs"),
    log,
    parseTimeoutMs: config.parseTimeoutMs,
  });
  log(`index of ${config.corpusDir} in ${config.indexDir}`);
  report(summary, args.json);
}

main().catch((err) => {
  process.stderr.write(`ingest failed: ${userMessage(err, firstLine)}\n`);
  process.exit(err instanceof IngestBusyError ? INGEST_EXIT.busy : err instanceof NoDocumentsError ? INGEST_EXIT.noDocuments : 1);
});
