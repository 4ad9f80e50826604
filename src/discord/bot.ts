import { Client, Events, GatewayIntentBits, Partials } from "discord.js";
import { createGatewayHandlers, type GatewayDeps } from "./gateway.js";

/**
 * Only the intents the bot uses: guild messages for @mentions and its threads, and message
 * content (privileged: enable it in the Developer Portal) so follow-ups in its threads can be
 * read without a mention.
 */
const GATEWAY_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

export async function startDiscordBot(token: string, deps: Omit<GatewayDeps, "botUserId">): Promise<Client> {
  const client = new Client({ intents: GATEWAY_INTENTS, partials: [Partials.Channel] });
  const handlers = createGatewayHandlers({ ...deps, botUserId: () => client.user?.id });
  const guard = (what: string) => (err: unknown) => console.error(`discord ${what} failed:`, err);
  client.on(Events.MessageCreate, (message) => void handlers.onMessage(message).catch(guard("message")));
  client.on(Events.InteractionCreate, (interaction) => void handlers.onInteraction(interaction).catch(guard("interaction")));
  client.once(Events.ClientReady, (ready) => console.log(`discord: logged in as ${ready.user.tag}`));
  await client.login(token);
  return client;
}
