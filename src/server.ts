import { serve } from "@hono/node-server";
import { loadConfig } from "./config.js";
import { startDiscordBot } from "./discord/bot.js";
import { Cooldown } from "./discord/cooldown.js";
import { firstLine } from "./embeddings/embedder.js";
import { FileFeedbackStore } from "./feedback/store.js";
import { createApp } from "./http/app.js";
import { openService } from "./service.js";
import { appOptions, prepareIndex } from "./startup.js";

/** npm start: bring the index up to date with the corpus, then serve HTTP (and the Discord bot when DISCORD_TOKEN is set). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (line: string) => console.log(line);
  await prepareIndex(config, log);
  const service = await openService(config);
  log(`embedder: ${service.health().embedder}`);
  const feedback = new FileFeedbackStore(config.feedbackFile);
  const app = createApp(() => service, await appOptions(config, feedback));
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    log(`Listening on http://${config.host}:${info.port} — try: curl -s localhost:${info.port}/ask -H 'content-type: application/json' -d '{"question":"What does OSA fund in Malaysia?"}'`);
  });
  if (config.discord.token) {
    await startDiscordBot(config.discord.token, {
      service: () => service,
      cooldown: new Cooldown(config.cooldown.questions, config.cooldown.seconds),
      feedback,
      publicUrl: config.publicUrl,
    });
  }
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`could not start: ${firstLine(err)}`);
  process.exit(1);
});
