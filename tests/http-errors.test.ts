import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./support/http-server.js";
import { join } from "node:path";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";
import { tempDir } from "./support/temp.js";

/** Sends raw bytes on a fresh connection; resolves with all the server sent before it closed. */
function raw(base: string, chunks: string[], options: { gapMs?: number; abortAfterMs?: number } = {}): Promise<string> {
  const socket = connect(Number(new URL(base).port), "127.0.0.1");
  let received = "";
  socket.on("data", (d) => (received += d));
  socket.on("error", () => {});
  return new Promise((resolve) => {
    socket.once("close", () => resolve(received));
    socket.once("connect", async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, options.gapMs ?? 0));
      }
      if (options.abortAfterMs !== undefined) setTimeout(() => socket.destroy(), options.abortAfterMs);
    });
  });
}

function parse(response: string): { status: number; body: { error?: { code: string; message: string } } } {
  const status = Number(response.match(/^HTTP\/1\.1 (\d{3})/)?.[1]);
  const body = response.slice(response.indexOf("\r\n\r\n") + 4);
  return { status, body: JSON.parse(body.replace(/^[0-9a-f]+\r\n/, "").replace(/\r\n0\r\n\r\n$/, "")) };
}

describe("Node-level errors carry the JSON error shape", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    const work = await tempDir("node-errors", true);
    server = await startServerProcess({ CORPUS_DIR: join(work, "corpus"), INDEX_DIR: join(work, "index"), HEADERS_TIMEOUT_MS: "1000", REQUEST_TIMEOUT_MS: "1500" });
  });

  it.each([
    ["a bad Content-Length", "POST /ask HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"],
    ["Content-Length with Transfer-Encoding", "POST /ask HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"],
    ["a bad chunk", "POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n"],
    ["a request line that is not HTTP", "HELLO\r\n\r\n"],
  ])("400 for %s", async (_name, request) => {
    const { status, body } = parse(await raw(server.base, [request]));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "bad_request", message: expect.any(String) });
  });

  // Requests Node reads but @hono/node-server cannot make a Request of: answered by the app's
  // error shape and headers, not the adapter's empty 400 (nor Node's, for a missing Host).
  it.each([
    ["a Host that is not a host name", "GET /health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"],
    ["a Host holding a path", "GET /health HTTP/1.1\r\nHost: x/y\r\nConnection: close\r\n\r\n"],
    ["a backslash in the path", "GET /sources/a\\b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"],
    ["an HTTP/1.1 request without Host", "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"],
  ])("400 bad_request with the app's headers for %s", async (_name, request) => {
    const response = await raw(server.base, [request]);
    const { status, body } = parse(response);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/^The request is not valid HTTP: /) });
    const head = response.slice(0, response.indexOf("\r\n\r\n")).toLowerCase();
    expect(head).toMatch(/^content-type: application\/json/m);
    expect(head).toMatch(/^x-content-type-options: nosniff$/m);
    expect(head).toMatch(/^content-security-policy: default-src 'none'/m);
  });

  it("serves an HTTP/1.0 request without Host, which HTTP/1.0 does not require", async () => {
    expect(parse(await raw(server.base, ["GET /health HTTP/1.0\r\n\r\n"])).status).toBe(200);
  });

  it("431 for headers over 16 KB", async () => {
    const { status, body } = parse(await raw(server.base, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ${"y".repeat(20_000)}\r\n\r\n`]));
    expect(status).toBe(431);
    expect(body.error?.code).toBe("headers_too_large");
  });

  it("408 for headers that arrive too slowly", async () => {
    const { status, body } = parse(await raw(server.base, ["GET /health HTTP/1.1\r\nHost: x\r\n"]));
    expect(status).toBe(408);
    expect(body.error?.code).toBe("request_timeout");
  });

  it.each(["/ask", "/ask/stream"])("408 for a body that arrives too slowly on %s", async (path) => {
    const body = JSON.stringify({ question: CANONICAL });
    const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { status, body: error } = parse(await raw(server.base, [head, body.slice(0, 5)]));
    expect(status).toBe(408);
    expect(error.error?.code).toBe("request_timeout");
  });

  it("does not log a client that hangs up mid-request as an error", async () => {
    const body = JSON.stringify({ question: CANONICAL });
    for (const path of ["/ask", "/ask/stream"]) {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
      await raw(server.base, [head, body.slice(0, 5)], { abortAfterMs: 100 });
      await raw(server.base, [head, body], { abortAfterMs: 0 });
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(server.output()).not.toMatch(/failed|Error/);
    expect((await fetch(`${server.base}/health`)).status).toBe(200);
  });
});

describe("JSON means application/json in UTF-8", () => {
  let base: string;
  beforeAll(async () => {
    base = await startServer(await seedService());
  });
  const ask = (type: string) => fetch(`${base}/ask`, { method: "POST", headers: { "content-type": type }, body: JSON.stringify({ question: CANONICAL }) });

  it.each(["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8", 'application/json; charset="utf-8"'])("reads %s", async (type) => {
    expect((await ask(type)).status).toBe(200);
  });

  it.each(["application/json-patch+json", "application/json; charset=utf-16", "application/jsonp", "text/json"])("refuses %s with 415", async (type) => {
    const response = await ask(type);
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe("unsupported_media_type");
  });
});
