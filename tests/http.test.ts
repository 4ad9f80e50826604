import { request } from "node:http";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { answerProblems, paragraphLookup } from "../src/answer/verify.js";
import { FileFeedbackStore } from "../src/feedback/store.js";
import { CANONICAL, CANONICAL_FILE, CANONICAL_PARAGRAPHS, seedService } from "./support/seed-index.js";
import { startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp.js";

let base: string;
/** A server that keeps votes, and its store. */
let voting: string;
let feedback: FileFeedbackStore;
beforeAll(async () => {
  base = await startServer(await seedService());
  feedback = new FileFeedbackStore(join(await tempDir("http-votes"), "feedback.jsonl"));
  voting = await startServer(await seedService(), { feedback });
});

const ask = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${base}/ask`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

describe("POST /ask", () => {
  it("answers the canonical question with verified citations", async () => {
    const response = await ask({ question: CANONICAL });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/diving support vessel/i);
    const citation = answer.citations.find((c: { file: string; paragraph: number }) => c.file === CANONICAL_FILE && CANONICAL_PARAGRAPHS.includes(c.paragraph));
    expect(citation).toMatchObject({ n: expect.any(Number), line: citation.paragraph, quote: expect.stringContaining("diving support vessel"), score: expect.any(Number) });
    const service = await seedService();
    expect(answerProblems(answer, paragraphLookup((f) => service.document(f)))).toEqual([]);
  });

  it("gives the same answer as the core", async () => {
    const viaHttp = await (await ask({ question: CANONICAL, k: 10 })).json();
    expect(viaHttp).toEqual(await (await seedService()).answer(CANONICAL, { k: 10 }));
  });

  it("abstains on what the documents don't cover", async () => {
    const answer = await (await ask({ question: "What is the population of Vietnam?" })).json();
    expect(answer).toMatchObject({ abstained: true, citations: [] });
  });

  it.each([
    ["a missing question", {}, "invalid_request"],
    ["an empty question", { question: "   " }, "invalid_request"],
    ["a non-string question", { question: 42 }, "invalid_request"],
    ["a non-object body", [1, 2], "invalid_request"],
    ["a bad k", { question: "Why?", k: 0 }, "invalid_request"],
    ["a question over 2,000 characters", { question: "x".repeat(2001) }, "question_too_long"],
  ])("refuses %s with 400", async (_name, body, code) => {
    await expectError(await ask(body), 400, code);
  });

  it("refuses invalid JSON with 400", async () => {
    await expectError(await ask('{"question": "unterminated'), 400, "invalid_json");
  });

  it("refuses a wrong content type with 415", async () => {
    await expectError(await ask(JSON.stringify({ question: CANONICAL }), { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expectError(await ask(JSON.stringify({ question: CANONICAL }), {}), 415, "unsupported_media_type");
  });

  it("refuses a body over 64 KB with 413, by its declared length", async () => {
    await expectError(await ask({ question: "x", pad: "y".repeat(70 * 1024) }), 413, "payload_too_large");
  });

  it("refuses a chunked body over 64 KB with 413 without reading it all", async () => {
    const url = new URL(`${base}/ask`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: "/ask", method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", (err) => (String(err).includes("EPIPE") || String(err).includes("ECONNRESET") ? resolve(413) : reject(err)));
      req.write('{"question":"x","pad":"');
      let sent = 0;
      const pump = () => {
        // Keep offering data (up to 1 MB); the server answers before taking it all.
        while (sent < 1024 * 1024 && req.write("z".repeat(16 * 1024))) sent += 16 * 1024;
        if (sent < 1024 * 1024) req.once("drain", pump);
        else req.end('"}');
      };
      pump();
    });
    expect(status).toBe(413);
  });
});

describe("POST /feedback", () => {
  /** The id /ask/stream's `done` event gives an answer, which votes name. */
  const answerId = async () => {
    const stream = await (await fetch(`${voting}/ask/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: CANONICAL }) })).text();
    return JSON.parse(stream.match(/event: done\ndata: (.*)/)![1]!).id as string;
  };
  const vote = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${voting}/feedback`, { method: "POST", headers, body });

  it("records a vote sent as JSON", async () => {
    const id = await answerId();
    const before = await feedback.summary();
    const response = await vote(JSON.stringify({ id, vote: "up" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id, vote: "up" });
    expect((await feedback.summary()).up).toBe(before.up + 1);
  });

  it.each([
    ["text/plain", { "content-type": "text/plain" }],
    ["a form", { "content-type": "application/x-www-form-urlencoded" }],
    ["no Content-Type", {}],
  ])("refuses a vote sent as %s with 415, recording nothing: a page on another site cannot post one without a preflight", async (_name, headers) => {
    const id = await answerId();
    const before = await feedback.summary();
    const body = JSON.stringify({ id, vote: "down" });
    // Bytes, so fetch adds no Content-Type of its own.
    await expectError(await vote(new TextEncoder().encode(body), headers), 415, "unsupported_media_type");
    expect(await feedback.summary()).toEqual(before);
  });

  it.each([
    [{ id: 42, vote: "up" }, "id must be a string"],
    [{ id: "", vote: "up" }, "id must not be empty"],
    [{ id: "x".repeat(101), vote: "up" }, "id must be at most 100 characters"],
    [{ vote: "up" }, "id is required"],
    [{ id: "some-answer", vote: "sideways" }, 'vote must be "up" or "down"'],
    [null, 'The body must be a JSON object: {"id": "...", "vote": "up"}'],
    [[1, 2], 'The body must be a JSON object: {"id": "...", "vote": "up"}'],
  ])("refuses %j with 400: %s", async (body, message) => {
    const response = await vote(JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message } });
  });
});

describe("GET /health and /openapi.json", () => {
  it("reports the index", async () => {
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toEqual({ status: "ok", documents: 5, formats: { text: 5 }, paragraphs: 141, embedder: expect.stringMatching(/^wordvectors:/), retrieval: "bm25+hnsw", llm: "none" });
  });

  it("describes the API", async () => {
    const spec = await (await fetch(`${base}/openapi.json`)).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/ask", "/ask/stream", "/health", "/sources/{file}", "/sources/{file}/{n}", "/originals/{file}", "/discord/interactions"]));
  });
});

describe("GET /sources", () => {
  it("serves a document with anchored paragraphs and the cited one highlighted", async () => {
    const response = await fetch(`${base}/sources/${CANONICAL_FILE}?p=10`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).toContain('id="p10"');
    expect(page).toMatch(/class="para cited" id="p10"/);
    expect(page.match(/class="para[^"]*" id="p\d+"/g)).toHaveLength(37);
  });

  it("serves one paragraph as JSON", async () => {
    const p = await (await fetch(`${base}/sources/${CANONICAL_FILE}/10`)).json();
    expect(p).toMatchObject({ file: CANONICAL_FILE, paragraph: 10, line: 10, text: "- A 3.1 billion yen diving support vessel for Malaysia" });
  });

  it.each([
    `/sources/nope.txt`,
    `/sources/${CANONICAL_FILE}/999`,
    `/sources/${CANONICAL_FILE}/0`,
    `/sources/..%2Fpackage.json`,
    `/sources/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd`,
    `/sources/../../package.json`,
  ])("answers 404 for %s, never a file outside the index", async (path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});
