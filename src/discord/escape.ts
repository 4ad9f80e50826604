import { escapeMarkdown } from "@discordjs/formatters";

/**
 * Document text as Discord shows it literally: discord.js's escapeMarkdown for the inline marks
 * (`**`, `__`, `*`, `_`, `~~`, `||`, backticks), headings, list markers and masked links, plus
 * what it leaves alone: a `>` quote or `-#` subtext at a line's start, and URLs, which Discord
 * would turn into links (a backslash before the colon keeps the text and drops the link).
 */
export function escapeDocumentText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/^(\s*)(>|-#)/gm, "$1\\$2")
    .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, "$1\\://");
}

/** The reverse, for reading the bot's own messages back (thread history): drops the escapes. */
export function unescapeDocumentText(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, "$1");
}
