import { createServer } from "node:http";
import { loadConfig } from "./config.js";
import { RequestBudget } from "./request-budget.js";
import { sourceLinksNotice } from "./discord/format.js";
import { firstLine } from "./embeddings/embedder.js";
import { FileFeedbackStore } from "./feedback/store.js";
import { createApp } from "./http/app.js";
import { answerClientError, requestListener } from "./http/client-errors.js";
import { userMessage } from "./index-store/corpus-identity.js";
import { IndexDamagedError } from "./index-store/layout.js";
import { LiveService } from "./live-index.js";
import { Reindexing } from "./reindexing.js";
import { appOptions, listen, prepareIndex, readyIndex, refreshInBackground, siteOf, tryCommand } from "./startup.js";

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * npm start: serve HTTP (and the Discord bot when DISCORD_TOKEN is set) from an index up to date
 * with the corpus, swapping to new index builds as they appear. An index of this corpus that is
 * merely stale is served at once and brought up to date in the background; none, or an unusable
 * one, is built first.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  const feedback = new FileFeedbackStore(config.feedbackFile);
  // The widget is bundled (esbuild, in its own process) while the index loads.
  const options = appOptions(config, feedback);
  options.catch(() => {}); // reported where it is awaited, below
  let atStart = await readyIndex(config, log);
  let live: LiveService;
  try {
    live = await LiveService.open(config, log);
  } catch (err) {
    if (!(err instanceof IndexDamagedError)) throw err;
    // Never answer from a damaged index: rebuild it from the corpus, or fail saying why.
    log(`index damaged (${firstLine(err)}); rebuilding it from ${config.corpusDir}`);
    await prepareIndex(config, log, true);
    atStart = "up to date";
    live = await LiveService.open(config, log);
  }
  live.watch();
  log(`embedder: ${live.current().health().embedder}`);
  if (config.llm) log(`llm: ${config.llm.model} (answers it writes are sent only where their quotes verify)`);
  const reindexing = new Reindexing(config.indexDir, (force) => live.reindex(force), log);
  const app = createApp(() => live.current(), { ...(await options), reindex: reindexing });
  // Slow clients may not hold connections open; oversized headers get 431. A request without
  // Host is refused by the adapter, in our JSON shape, not by Node (see requestListener).
  const serverOptions = {
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    keepAliveTimeout: 5_000,
    maxHeaderSize: 16 * 1024,
    requireHostHeader: false,
  };
  const server = createServer(serverOptions, requestListener(app.fetch, config.host));
  // Malformed requests, 408 and 431 get the same JSON error body as everything else.
  server.on("clientError", answerClientError);
  const port = await listen(server, config.host, config.port);
  log(`Listening on http://${config.host}:${port} — ${siteOf(config).title} — try: ${tryCommand(config, port)}`);
  if (atStart === "stale") void refreshInBackground(config, () => reindexing.run(false), log);
  const linksNotice = config.discord.token || config.discord.publicKey ? sourceLinksNotice(config.publicUrl) : undefined;
  if (linksNotice) log(linksNotice);
  // discord.js takes ~1 s to import: only when the bot runs.
  const bot = config.discord.token
    ? await (await import("./discord/bot.js")).startDiscordBot(config.discord.token, {
        service: () => live.current(),
        cooldown: new RequestBudget(config.cooldown.questions, config.cooldown.seconds),
        feedback,
        publicUrl: config.publicUrl,
        threadByDefault: config.discord.threadByDefault,
      })
    : null;

  // Graceful shutdown: stop accepting, let requests in flight finish, then exit.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    live.close();
    void bot?.destroy();
    server.close(() => process.exit(0));
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err) => {
  console.error(`could not start: ${userMessage(err, firstLine)}`);
  process.exit(1);
});
