import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from "@discordjs/builders";
import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, ButtonStyle } from "discord-api-types/v10";
import { MARKERS_AND_STOP, answerSentences } from "../answer/verify.js";
import { type CitedPlace, citationLabel } from "../text/citation-label.js";
import type { Answer, Citation, RelatedPassage } from "../types.js";
import { escapeDocumentText } from "./escape.js";

/** Discord's limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = { content: 2000, description: 4096, title: 256, fieldValue: 1024, fields: 25, embedTotal: 6000 } as const;

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Always empty: no document text may ping @everyone, a role or a user. */
  allowed_mentions: { parse: [] };
}

export interface FormatOptions {
  /** Base URL of the service, for links to the cited paragraph. */
  publicUrl?: string;
  /** Adds 👍/👎 buttons (custom ids feedback:up:<id> / feedback:down:<id>) to the last message. */
  feedbackId?: string;
  /** The question, restated at the top of the first message (see questionHeader). */
  question?: string;
}

/** Said of every corpus, so it names nothing of one (the seeds' countries and programmes were here). */
export const REFUSAL_TEXT =
  "I couldn't find that in the documents, so I won't guess. Try rephrasing with the names or terms the documents would use.";

/** Logged at start when Discord runs without PUBLIC_URL: what the asker will miss, and the fix. */
export function sourceLinksNotice(publicUrl: string | undefined): string | undefined {
  if (publicUrl) return undefined;
  return "discord: PUBLIC_URL is not set, so sources in Discord answers name their file and paragraph but are not links; set PUBLIC_URL to this service's public address to link them.";
}

/** Said instead of an answer when answering failed after the reply was deferred or promised. */
export const ANSWER_FAILED_TEXT = "Sorry — something went wrong while answering, so there is no answer this time. Please try again in a moment.";

const QUOTE_MAX = 300;

/**
 * The restated question: long enough to recognise (the seeds' questions are under 100
 * characters), short enough never to crowd the answer out of its message.
 */
const QUESTION_SHOWN_MAX = 200;

/** "> What does OSA fund in Malaysia?": the first line of every answer, read back by thread history. */
export function questionHeader(question: string): string {
  const oneLine = question.replace(/\s+/g, " ").trim();
  return `> ${escapeDocumentText(shortened(oneLine, QUESTION_SHOWN_MAX))}`;
}

const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Document text escaped, cut (before escaping, so no escape is split) to fit `room` characters. */
function escapedWithin(text: string, room: number): string {
  let cut = Math.min(text.length, room);
  for (;;) {
    const escaped = escapeDocumentText(shortened(text, cut));
    if (escaped.length <= room || cut <= 1) return escaped;
    cut -= Math.max(1, escaped.length - room);
  }
}

function sourceLink(c: CitedPlace, publicUrl?: string): string {
  const label = escapeDocumentText(citationLabel(c));
  if (!publicUrl) return label;
  const url = `${publicUrl.replace(/\/$/, "")}/sources/${encodeURIComponent(c.file)}?p=${c.paragraph}#p${c.paragraph}`;
  return `[${label}](${url})`;
}

/** "[1] 001_….txt ¶10 — “A 3.1 billion yen …”", the quote shortened to fit `budget` characters. */
function sourceLine(c: Citation, budget: number, publicUrl?: string): string {
  // A code block is shown whole in the message; its source line names it rather than repeating it.
  if (c.kind === "code") return `[${c.n}] ${sourceLink(c, publicUrl)} — code${c.language ? ` (${c.language})` : ""}`;
  const head = `[${c.n}] ${sourceLink(c, publicUrl)} — “`;
  const room = Math.max(1, Math.min(QUOTE_MAX, budget - head.length - 1));
  return `${head}${escapedWithin(c.quote, room)}”`;
}

/** How many closest passages a refusal shows, and how much of each: a pointer, not the document. */
const RELATED_SHOWN = 3;

/** The closest passages under a refusal, so the asker sees where the documents come nearest. */
function relatedEmbed(related: RelatedPassage[], publicUrl?: string): APIEmbed {
  const lines = related.slice(0, RELATED_SHOWN).map((r) => `${sourceLink(r, publicUrl)} — “${escapedWithin(r.text, QUOTE_MAX)}”`);
  return new EmbedBuilder().setTitle("Closest passages").setDescription(lines.join("\n")).setColor(0x8a8f98).toJSON();
}

function sourcesEmbed(citations: Citation[], publicUrl?: string): APIEmbed {
  const title = "Sources";
  const budget = Math.min(LIMITS.description, LIMITS.embedTotal - title.length) - citations.length; // newlines
  const perLine = Math.floor(budget / Math.max(1, citations.length));
  const description = citations.map((c) => sourceLine(c, perLine, publicUrl)).join("\n");
  return new EmbedBuilder().setTitle(title).setDescription(description).setColor(0x3b6fd4).toJSON();
}

/** A code block of the answer (see Citation.kind): "```lang\n…\n```\n[n]". */
const CODE_PIECE = /^(`{3,})([^\n]*)\n([\s\S]*)\n\1\n(\[\d+\])$/;

/**
 * A code block longer than `max` as several fenced blocks, cut between lines (a line longer than a
 * whole message is cut where it must), the marker after the last one: each message shows code.
 */
function codePieces(fence: string, info: string, code: string, marker: string, max: number): string[] {
  const room = max - (fence.length * 2 + info.length + marker.length + 3);
  const blocks: string[] = [];
  let current = "";
  for (const line of code.split("\n").flatMap((l) => l.match(new RegExp(`[\\s\\S]{1,${room}}`, "g")) ?? [""])) {
    if (current && current.length + 1 + line.length > room) {
      blocks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  blocks.push(current);
  return blocks.map((block, i) => `${fence}${info}\n${block}\n${fence}${i === blocks.length - 1 ? `\n${marker}` : ""}`);
}

/** Pieces of the answer no longer than `max`, each ending with its markers; long sentences split between words. */
function pieces(text: string, max: number): string[] {
  const out: string[] = [];
  for (const sentence of answerSentences(text)) {
    const code = sentence.match(CODE_PIECE);
    if (code) {
      out.push(...(sentence.length <= max ? [sentence] : codePieces(code[1]!, code[2]!, code[3]!, code[4]!, max)));
      continue;
    }
    let rest = escapeDocumentText(sentence);
    while (rest.length > max) {
      // Cut before the trailing markers, at a space, so a marker is never split.
      const markerAt = rest.search(new RegExp(`${MARKERS_AND_STOP.source}$`));
      const limit = Math.min(max, markerAt > 0 ? markerAt : max);
      let cut = rest.lastIndexOf(" ", limit);
      if (cut <= 0) cut = limit;
      out.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (rest) out.push(rest);
  }
  return out;
}

/** Sentences run on with a space; a code block needs line breaks around it to stay a code block. */
function joined(content: string, piece: string, header: string): string {
  if (!content) return piece;
  if (content === header) return `${header}\n${piece}`;
  const codeBefore = /`{3,}(?:\n\[\d+\])?$/.test(content);
  return `${content}${codeBefore || piece.startsWith("```") ? "\n" : " "}${piece}`;
}

const markersIn = (text: string) => new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));

/** The 👍/👎 row; after a vote, the chosen button is highlighted (the message is edited, not answered). */
export function feedbackRow(id: string, chosen?: "up" | "down"): APIActionRowComponent<APIButtonComponent> {
  const button = (vote: "up" | "down", emoji: string) =>
    new ButtonBuilder()
      .setCustomId(`feedback:${vote}:${id}`)
      .setEmoji({ name: emoji })
      .setStyle(chosen === vote ? ButtonStyle.Primary : ButtonStyle.Secondary);
  return new ActionRowBuilder<ButtonBuilder>().addComponents(button("up", "👍"), button("down", "👎")).toJSON();
}

/** What a press says when its answer is not one we gave (a forged or stale button). */
export const UNKNOWN_ANSWER_TEXT = "That answer isn't one I know, so the vote was not recorded.";

/**
 * The answer as Discord messages, shared by the gateway bot and the HTTP interactions endpoint:
 * the text with its [n] markers, and under each message an embed with the sources that message
 * cites. Splits at sentence boundaries to respect every limit and never drops a cited source.
 */
export function discordMessages(answer: Answer, options: FormatOptions = {}): DiscordMessage[] {
  const base = { components: [] as APIActionRowComponent<APIButtonComponent>[], allowed_mentions: { parse: [] as [] } };
  const header = options.question ? questionHeader(options.question) : "";
  let messages: DiscordMessage[];
  if (answer.abstained || answer.citations.length === 0) {
    const related = answer.related ?? [];
    const content = header ? `${header}\n${REFUSAL_TEXT}` : REFUSAL_TEXT;
    messages = [{ ...base, content, embeds: related.length ? [relatedEmbed(related, options.publicUrl)] : [] }];
  } else {
    const byNumber = new Map(answer.citations.map((c) => [c.n, c]));
    // At most this many sources per message, so each quote keeps a readable length.
    const maxSources = 12;
    messages = [];
    // The header opens the first message; the answer follows on the next line.
    let content = header;
    let cited = new Set<number>();
    const flush = () => {
      // A header alone (a first sentence too long to share its message) still goes first.
      if (!content) return;
      const citations = [...cited].sort((a, b) => a - b).map((n) => byNumber.get(n)).filter((c): c is Citation => !!c);
      messages.push({ ...base, content, embeds: citations.length ? [sourcesEmbed(citations, options.publicUrl)] : [] });
      content = "";
      cited = new Set();
    };
    for (const piece of pieces(answer.answer, LIMITS.content)) {
      const next = joined(content, piece, header);
      const nextCited = new Set([...cited, ...markersIn(piece)]);
      if (content && (next.length > LIMITS.content || nextCited.size > maxSources)) {
        flush();
        content = piece;
        cited = markersIn(piece);
      } else {
        content = next;
        cited = nextCited;
      }
    }
    flush();
  }
  if (options.feedbackId) messages[messages.length - 1]!.components = [feedbackRow(options.feedbackId)];
  return messages;
}
