import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";
import type { IngestSummary } from "../ingest/build-index.js";
import { unchangedCorpus } from "../ingest/listing.js";
import { quarterLines } from "../ingest/progress.js";
import type { Config } from "./config.js";
import { createEmbedder, firstLine } from "./embeddings/embedder.js";
import { FileFeedbackStore } from "./feedback/store.js";
import { sameFolder, userMessage } from "./index-store/corpus-identity.js";
import { buildDir, currentBuildName, readManifest } from "./index-store/layout.js";
import { describeSkipped } from "./index-store/skipped-files.js";
import type { AppOptions } from "./http/app.js";
import { configuredAppOptions } from "./http/app-options.js";
import { clientAddress, parseTrustProxy } from "./http/client-address.js";
import { readOriginal } from "./http/original-file.js";
import { type SiteText, siteText } from "./site.js";
import { buildWidgetScript } from "./widget/build.js";
import { counted } from "./text/plural.js";

/** The served corpus's name for visitors: configured, or its folder's name. */
export function siteOf(config: Config): SiteText {
  return siteText(config.site, basename(config.corpusDir));
}

/**
 * What npm start found before listening: an index that is up to date with the corpus, or one of
 * this corpus that is to be served while an ingest brings it up to date in the background.
 */
export type IndexAtStart = "up to date" | "stale";

/**
 * Readies the index npm start serves. A corpus that changed since its index was built is not
 * re-read before listening when that index can be served meanwhile (reading a thousand Markdown
 * files took almost two minutes, with a good index on disk): the caller brings it up to date in
 * the background (refreshInBackground). With no index, or one that is not this corpus's or not
 * by the configured embedder, the index is built first, as before: serving it would answer from
 * another corpus, or with vectors the configured embedder did not make.
 */
export async function readyIndex(config: Config, log: (line: string) => void): Promise<IndexAtStart> {
  if (!(await servableWhileStale(config))) {
    await prepareIndex(config, log);
    return "up to date";
  }
  // A listing that fails (the folder gone) is the background ingest's to report: it says why in one line.
  const unchanged = await unchangedCorpus(config.corpusDir, config.indexDir, (id) => embedderFits(id, config)).catch(() => null);
  if (!unchanged) return "stale";
  logSummary(config, unchanged, log);
  return "up to date";
}

/**
 * Whether the live build on disk may be served until it is brought up to date: readable in this
 * version's format, built from this corpus folder, by an embedder the configuration accepts.
 * (A build that passes this but fails to load is damaged: server.ts rebuilds it before serving.)
 */
async function servableWhileStale(config: Config): Promise<boolean> {
  const name = await currentBuildName(config.indexDir);
  const manifest = name ? await readManifest(buildDir(config.indexDir, name)).catch(() => null) : null;
  if (!manifest || !embedderFits(manifest.embedder.id, config)) return false;
  return sameFolder(manifest.corpus.dir, config.corpusDir);
}

/**
 * Runs `reindex` (LiveService.reindex: an incremental ingest in a child process, then the swap)
 * while the stale index keeps being served. Never rejects: a failure (the folder gone, nothing
 * readable, `npm run ingest` holding the index) is one log line, and the index being served stays.
 */
export function refreshInBackground(config: Config, reindex: () => Promise<IngestSummary>, log: (line: string) => void): Promise<void> {
  log(`index: ${config.corpusDir} may have changed since its index was built; serving that index while it is brought up to date in the background`);
  return reindex().then(
    (summary) => logSummary(config, summary, log),
    (err: unknown) => logReindexFailure(err, log),
  );
}

/**
 * A re-index that failed in the background (at start, or POST /admin/reindex?wait=false), as one
 * log line; none when it was stopped because the server is closing (LiveService.close).
 */
export function logReindexFailure(err: unknown, log: (line: string) => void): void {
  if (err instanceof Error && err.name === "AbortError") return;
  log(`index: could not bring it up to date, still serving the index as it was: ${oneLine(userMessage(err, firstLine))}`);
}

/** A message as one log line: an empty corpus's lists the files it skipped, one per line. */
const oneLine = (message: string) => message.replace(/\s*\n\s*/g, "; ");

/** Brings the index up to date with the corpus: embeds only what changed, a no-op when nothing did. */
export async function prepareIndex(config: Config, log: (line: string) => void, force = false): Promise<void> {
  // An unchanged corpus is recognised before any embedder is loaded (a third of a cold start),
  // and before the ingest code (remark and the rest: ~0.5 s to import) is.
  const unchanged = force ? null : await unchangedCorpus(config.corpusDir, config.indexDir, (id) => embedderFits(id, config));
  const summary: IngestSummary =
    unchanged ??
    (await (await import("../ingest/build-index.js")).buildIndex({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      embedder: await createEmbedder(config, log),
      force,
      log,
      onRead: quarterLines(log, "reading", "files"),
      onProgress: quarterLines(log, "embedding", "paragraphs"),
      parseTimeoutMs: config.parseTimeoutMs,
    }));
  logSummary(config, summary, log);
}

/** What an ingest skipped and why, then the index's size and what was embedded. */
function logSummary(config: Config, summary: IngestSummary, log: (line: string) => void): void {
  for (const line of describeSkipped(summary.skipped)) log(line);
  log(
    `index of ${config.corpusDir} in ${config.indexDir}: ${counted(summary.files, "file")}, ${counted(summary.paragraphs, "paragraph")} ` +
      `(${summary.embedded} embedded, ${summary.reused} reused)`,
  );
}

/**
 * Whether an index built with this embedder is what the configuration asks for: any with
 * EMBEDDER=auto, else one of the named kind (and model). Otherwise the start re-embeds.
 */
function embedderFits(id: string, config: Config): boolean {
  if (config.embedder === "auto") return true;
  if (config.embedder === "wordvectors") return id.startsWith("wordvectors:");
  return id.startsWith(`transformers:${config.embeddingModel}:${config.embeddingDtype}:`);
}

/** The HTTP app's options from configuration, plus Node's own: the widget, client addresses, originals, feedback. */
export async function appOptions(config: Config, feedback = new FileFeedbackStore(config.feedbackFile)): Promise<AppOptions> {
  const widget = await buildWidgetScript();
  const trust = parseTrustProxy(config.trustProxy);
  // Imported only when Discord is configured (see AppOptions.discord).
  const interactions = config.discord.publicKey ? (await import("./discord/interactions.js")).discordInteractions : undefined;
  return {
    ...configuredAppOptions(config, basename(config.corpusDir), interactions),
    widgetScript: () => widget,
    originals: readOriginal,
    clientKey: (c) => clientAddress((c.env as { incoming: IncomingMessage }).incoming, trust),
    feedback,
  };
}

/**
 * The request the start-up log suggests trying: the first example question to /ask, with the
 * Authorization header /ask needs when API_KEYS is set (a placeholder: a key is never logged).
 */
export function tryCommand(config: Config, port: number): string {
  const example = JSON.stringify({ question: siteOf(config).exampleQuestions[0] ?? "your question" }).replace(/'/g, "'\\''");
  const key = config.apiKeys.length ? " -H 'authorization: Bearer <one of API_KEYS>'" : "";
  return `curl -s localhost:${port}/ask -H 'content-type: application/json'${key} -d '${example}'`;
}

/**
 * Starts `server` listening on host:port; resolves with the port it got. A failure is an error
 * naming the address and what to do, which src/server.ts prints as its one "could not start: …"
 * line, instead of an unhandled 'error' event and its stack.
 */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const refused = (err: NodeJS.ErrnoException) => reject(new Error(listenFailure(err, host, port)));
    server.once("error", refused);
    server.listen(port, host, () => {
      server.off("error", refused);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function listenFailure(err: NodeJS.ErrnoException, host: string, port: number): string {
  if (err.code === "EADDRINUSE") {
    return `port ${port} on ${host} is already in use (another server, or this one already running): stop it, or start on a free port with PORT=<port> npm start`;
  }
  return `could not listen on ${host}:${port}: ${firstLine(err)}`;
}
