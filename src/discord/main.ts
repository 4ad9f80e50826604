import { loadConfig } from "../config.js";
import { firstLine } from "../embeddings/embedder.js";
import { FileFeedbackStore } from "../feedback/store.js";
import { openService } from "../open-service.js";
import { prepareIndex } from "../startup.js";
import { startDiscordBot } from "./bot.js";
import { RequestBudget } from "../request-budget.js";
import { sourceLinksNotice } from "./format.js";

/** npm run discord: the gateway bot alone, without the HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.discord.token) throw new Error("Set DISCORD_TOKEN (see README: Discord)");
  await prepareIndex(config, (line) => console.log(line));
  const linksNotice = sourceLinksNotice(config.publicUrl);
  if (linksNotice) console.log(linksNotice);
  const service = await openService(config);
  await startDiscordBot(config.discord.token, {
    service: () => service,
    cooldown: new RequestBudget(config.cooldown.questions, config.cooldown.seconds),
    feedback: new FileFeedbackStore(config.feedbackFile),
    publicUrl: config.publicUrl,
    threadByDefault: config.discord.threadByDefault,
  });
}

main().catch((err) => {
  console.error(`discord bot failed: ${firstLine(err)}`);
  process.exit(1);
});
