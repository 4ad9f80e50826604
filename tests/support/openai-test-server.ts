import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { atFileEnd, closeServer } from "./file-end.js";

/**
 * A local OpenAI-compatible chat server (POST /v1/chat/completions over real HTTP on 127.0.0.1)
 * with scripted replies, standing in for Ollama, llama.cpp's server or a hosted endpoint. It
 * answers `stream: true` with SSE chunks (and a usage chunk when stream_options asks for one),
 * and plain requests with one JSON completion. Every request it receives is kept.
 */

export interface ChatRequest {
  model: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  messages: { role: string; content: string }[];
  authorization?: string;
}

/** What the server does with a request: reply with text, fail with a status, or never answer. */
export type Scripted =
  | { reply: string; hangAfter?: number }
  | { status: number }
  | { hang: true };

export interface OpenAiTestServer {
  /** The API root to put in LLM_BASE_URL. */
  baseUrl: string;
  requests: ChatRequest[];
  /** Decides each request's fate; set per test. */
  script: (request: ChatRequest, index: number) => Scripted;
}

/** The LLM_* variables that point the service (Node, Worker, CLI) at this server's test model. */
export const modelVariables = (server: Pick<OpenAiTestServer, "baseUrl">, more: Record<string, string> = {}): Record<string, string> => ({
  LLM_BASE_URL: server.baseUrl,
  LLM_MODEL: "test-model",
  ...more,
});

/** Usage the server reports: fixed numbers, so a test can find them in the log. */
export const USAGE = { prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 };

/** Pieces of this many characters per stream chunk: small enough that sentences arrive split. */
const CHUNK_CHARS = 7;

const completion = (model: string, text: string) => ({
  id: "chatcmpl-test",
  object: "chat.completion",
  created: 0,
  model,
  choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
  usage: USAGE,
});

const chunk = (model: string, delta: Record<string, string>, finish: string | null, extra: Record<string, unknown> = {}) => ({
  id: "chatcmpl-test",
  object: "chat.completion.chunk",
  created: 0,
  model,
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

async function streamReply(res: ServerResponse, request: ChatRequest, text: string, hangAfter?: number): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send(chunk(request.model, { role: "assistant", content: "" }, null));
  const until = hangAfter ?? text.length;
  for (let i = 0; i < until; i += CHUNK_CHARS) {
    send(chunk(request.model, { content: text.slice(i, Math.min(i + CHUNK_CHARS, until)) }, null));
    await new Promise((r) => setTimeout(r, 2));
  }
  if (hangAfter !== undefined) return; // the rest never comes
  send(chunk(request.model, {}, "stop"));
  if (request.stream_options?.include_usage) send({ ...chunk(request.model, {}, null), choices: [], usage: USAGE });
  res.end("data: [DONE]\n\n");
}

export async function startOpenAiTestServer(): Promise<OpenAiTestServer> {
  const state: OpenAiTestServer = { baseUrl: "", requests: [], script: () => ({ status: 500 }) };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return res.writeHead(404).end();
    let raw = "";
    for await (const piece of req) raw += piece;
    const request = { ...(JSON.parse(raw) as ChatRequest), authorization: req.headers.authorization };
    state.requests.push(request);
    let scripted: Scripted;
    try {
      scripted = state.script(request, state.requests.length - 1);
    } catch (err) {
      // A script that can't reply to this request (its sources lack the quote it wants) fails it visibly.
      return res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: String(err) } }));
    }
    if ("hang" in scripted) return;
    if ("status" in scripted) {
      return res.writeHead(scripted.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `scripted ${scripted.status}`, type: "server_error" } }));
    }
    if (request.stream) return streamReply(res, request, scripted.reply, scripted.hangAfter);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(request.model, scripted.reply)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  atFileEnd(() => closeServer(server));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}

/** The numbered sources of a grounded prompt, by number (1-based), as the model received them. */
export function promptSources(request: ChatRequest): Map<number, string> {
  const user = request.messages.find((m) => m.role === "user")?.content ?? "";
  const sources = new Map<number, string>();
  for (const m of user.matchAll(/^\[(\d+)\] \([^)\n]*\)\n([\s\S]*?)(?=\n\n\[\d+\] \(|\n\nQuestion: )/gm)) sources.set(Number(m[1]), m[2]!);
  return sources;
}

/** The number the prompt gave the source holding `text`, for a reply that cites it. */
export function sourceNumberOf(request: ChatRequest, text: string): number {
  for (const [n, source] of promptSources(request)) if (source.includes(text)) return n;
  throw new Error(`no source in the prompt holds "${text}"`);
}

/** The question a grounded prompt asks ("Question: …" at its end), or undefined for a rewrite prompt. */
export const promptQuestion = (request: ChatRequest) => request.messages.at(-1)?.content.match(/\n\nQuestion: (.*)$/s)?.[1];
