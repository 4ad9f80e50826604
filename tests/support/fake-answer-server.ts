import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { atFileEnd, closeServer } from "./file-end.js";

/**
 * A local stand-in for the answering API, for what the real one does only when something goes
 * wrong: it serves a page with the widget, and answers /ask/stream by the question's first word —
 * "hang" (nothing, ever), "slow" (one delta, then nothing), "cut" (one delta, then the stream
 * ends), "flaky" (500 the first time each flaky question is asked, an answer after), "busy" (429,
 * always), "long" (a long answer); anything else gets a short answer. Every request body it gets is kept in `bodies`.
 */
export interface FakeAnswerServer {
  url: string;
  bodies: { question: string; history?: unknown }[];
  /** Event streams still open (a stopped question closes its own). */
  openStreams: () => number;
}

const CITATION = { n: 1, file: "notes.txt", paragraph: 1, line: 1, quote: "A short answer.", score: 0.9 };

function sse(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function answer(res: ServerResponse, text: string): void {
  for (const sentence of text.match(/[^\n]*\n|[^\n]+$/g) ?? [text]) sse(res, "answer", { delta: sentence });
  sse(res, "citations", { citations: [CITATION], abstained: false, related: [], sources: [{ file: "notes.txt", paragraph: 1, markers: [1], context: "" }] });
  sse(res, "done", { answer: text, abstained: false, citations: [CITATION] });
  res.end();
}

export const LONG_ANSWER = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of a long answer that goes on and on [1].`).join("\n");

export async function startFakeAnswerServer(widget: string): Promise<FakeAnswerServer> {
  const bodies: FakeAnswerServer["bodies"] = [];
  const flakyAsked = new Set<string>();
  const open = new Set<ServerResponse>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/widget.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(widget);
    if (req.url === "/widget/config") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ originAllowed: true, origin: null, suggestions: [] }));
    if (req.url !== "/ask/stream") return res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>Fake</title><script src="/widget.js"></script>`);
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as FakeAnswerServer["bodies"][number];
    bodies.push(body);
    const word = body.question.split(/\s+/)[0]!.toLowerCase();
    if (word === "busy") return res.writeHead(429, { "retry-after": "30" }).end();
    if (word === "flaky" && !flakyAsked.has(body.question)) {
      flakyAsked.add(body.question);
      return res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side" } }));
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    open.add(res);
    res.on("close", () => open.delete(res));
    if (word === "hang") return;
    if (word === "slow") return sse(res, "answer", { delta: "The first sentence of an answer [1]. " });
    if (word === "cut") {
      sse(res, "answer", { delta: "The first sentence of an answer [1]. " });
      return res.end();
    }
    answer(res, word === "long" ? LONG_ANSWER : "A short answer. [1]");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  atFileEnd(() => closeServer(server));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, openStreams: () => open.size };
}
