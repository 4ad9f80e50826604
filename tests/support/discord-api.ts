import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { atFileEnd, closeServer } from "./file-end.js";

export interface DiscordCall {
  method: string;
  /** Decoded path, e.g. /api/v10/webhooks/app/tok/messages/@original */
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A message as Discord's API returns it: enough for discord.js to build a Message from. */
export function apiMessage(id: string, channelId: string, content: string, authorId = "999") {
  return {
    id,
    channel_id: channelId,
    content,
    type: 0,
    timestamp: new Date().toISOString(),
    author: { id: authorId, username: authorId === "999" ? "bot" : "asker", discriminator: "0", bot: authorId === "999" },
    embeds: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    pinned: false,
    mention_everyone: false,
    tts: false,
  };
}

/**
 * A loopback stand-in for Discord's REST API, recording every call: interaction callbacks,
 * webhook edits and follow-ups (answered with a message whose id is "reply-1"), thread creation
 * ("thread-1") and channel messages. Closed after the test file.
 */
export async function startDiscordApi(): Promise<{ base: string; calls: DiscordCall[]; until: (what: (c: DiscordCall) => boolean) => Promise<DiscordCall> }> {
  const calls: DiscordCall[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const path = decodeURIComponent(new URL(req.url!, "http://x").pathname);
      calls.push({ method: req.method!, path, authorization: req.headers.authorization, body: body ? JSON.parse(body) : {} });
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (path.endsWith("/callback")) return void res.writeHead(204).end();
      if (/\/channels\/[^/]+\/messages\/[^/]+\/threads$/.test(path)) return json(201, { id: "thread-1", type: 11, parent_id: path.split("/")[4], name: "t" });
      if (path.endsWith("/messages/@original")) return json(200, apiMessage("reply-1", "chan-1", "answer"));
      return json(200, apiMessage(`message-${calls.length}`, "chan-1", "more"));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  atFileEnd(() => closeServer(server));
  const until = async (what: (c: DiscordCall) => boolean) => {
    // Generous liveness bound: work after an interaction response runs in the background.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = calls.find(what);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such call among ${JSON.stringify(calls.map((c) => `${c.method} ${c.path}`))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, calls, until };
}
