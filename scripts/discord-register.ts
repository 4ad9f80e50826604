// npm run discord:register: (re)registers /ask. Guild-scoped with DISCORD_GUILD_ID (instant),
// global otherwise (can take up to an hour to appear). PUT replaces the set: running it twice is safe.
import { REST, Routes } from "discord.js";
import { ASK_COMMAND } from "../src/discord/command.js";

const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: appId, DISCORD_GUILD_ID: guildId, DISCORD_API_BASE: apiBase } = process.env;
if (!token || !appId) {
  console.error("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server).");
  process.exit(2);
}
const rest = new REST(apiBase ? { api: apiBase.replace(/\/v\d+\/?$/, "") } : {}).setToken(token);
const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
await rest.put(route, { body: [ASK_COMMAND] });
console.log(`Registered /${ASK_COMMAND.name} ${guildId ? `in guild ${guildId}` : "globally"}.`);
