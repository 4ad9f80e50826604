import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";
import type { IngestSummary } from "../ingest/build-index.js";
import { unchangedCorpus } from "../ingest/listing.js";
import { quarterLines } from "../ingest/progress.js";
import type { Config } from "./config.js";
import { createEmbedder, firstLine } from "./embeddings/embedder.js";
import { FileFeedbackStore } from "./feedback/store.js";
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
