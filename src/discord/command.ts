import { SlashCommandBuilder } from "@discordjs/builders";

/** The /ask slash command, registered by npm run discord:register. */
export const ASK_COMMAND = new SlashCommandBuilder()
  .setName("ask")
  .setDescription("Ask the documents a question; the answer cites its sources.")
  .addStringOption((o) => o.setName("question").setDescription("Your question").setRequired(true).setMaxLength(2000))
  .addBooleanOption((o) => o.setName("ephemeral").setDescription("Only you see the answer"))
  .addBooleanOption((o) => o.setName("thread").setDescription("Answer in a new thread, where follow-up questions keep their context"))
  .toJSON();
