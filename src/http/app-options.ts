import { RequestBudget } from "../request-budget.js";
import type { discordInteractions } from "../discord/interactions.js";
import type { ServingSettings } from "../serving-settings.js";
import { siteText } from "../site.js";
import type { AppOptions } from "./app.js";

/**
 * The app's options that come from configuration, the same on Node and on the Worker: keys,
 * limits, deadline, CORS, admin token, the corpus's name for visitors and Discord's endpoint.
 * Each server adds what is its own (the widget script, who the client is, feedback, re-indexing).
 * `interactions` is handed in by a server that serves Discord (see AppOptions.discord).
 */
export function configuredAppOptions(
  settings: ServingSettings,
  corpusName: string,
  interactions?: typeof discordInteractions,
): AppOptions {
  const { discord } = settings;
  return {
    publicUrl: settings.publicUrl,
    apiKeys: settings.apiKeys,
    widgetKeys: settings.widgetKeys,
    widgetKeyRatePerMinute: settings.widgetKeyRatePerMinute,
    answerTimeoutMs: settings.answerTimeoutMs,
    allowedOrigins: settings.allowedOrigins,
    ratePerMinute: settings.ratePerMinute,
    adminToken: settings.adminToken,
    site: siteText(settings.site, corpusName),
    discord:
      discord.publicKey && interactions
        ? {
            publicKey: discord.publicKey,
            apiBase: discord.apiBase,
            deferAfterMs: discord.deferMs,
            publicUrl: settings.publicUrl,
            botToken: discord.token,
            threadByDefault: discord.threadByDefault,
            cooldown: new RequestBudget(settings.cooldown.questions, settings.cooldown.seconds),
            interactions,
          }
        : undefined,
  };
}
