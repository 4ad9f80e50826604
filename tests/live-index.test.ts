import { spawn } from "node:child_process";
import { cp, mkdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import lockfile from "proper-lockfile";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { buildDir, currentBuildName, setCurrentBuild } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { openApiDocument } from "../src/http/openapi.js";
import { LiveService } from "../src/live-index.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, CANONICAL_FILE, CANONICAL_PARAGRAPHS, SEED_INDEX, seedConfig, seedService } from "./support/seed-index.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";
import { tempDir } from "./support/temp.js";

const ADMIN = "admin-token-for-tests-0123456789";
const ask = (base: string, question: string) =>
  fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });

function ingest(corpus: string, index: string): Promise<number | null> {
  const child = spawn(process.execPath, ["--import", "tsx", "ingest/cli.ts", "--dir", corpus, "--index", index], {
    env: { ...process.env, EMBEDDER: "wordvectors" },
    stdio: "ignore",
  });
  return new Promise((r) => child.on("exit", r));
}

describe("live re-index under traffic", () => {
  let work: string;
  let server: ServerProcess;
  const corpus = () => join(work, "corpus");
  const index = () => join(work, "index");

  beforeAll(async () => {
    work = await tempDir("live", true);
    server = await startServerProcess({ CORPUS_DIR: corpus(), INDEX_DIR: index(), ADMIN_TOKEN: ADMIN, HEADERS_TIMEOUT_MS: "1500" });
  });

  it("swaps to a new build while answering: no request fails, new content is answered after", async () => {
    const statuses: number[] = [];
    const errors: string[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        try {
          const response = await ask(server.base, CANONICAL);
          statuses.push(response.status);
          await response.arrayBuffer();
        } catch (err) {
          errors.push(String(err));
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await writeFile(join(corpus(), "quokka.txt"), "The Quokka initiative funds nine lighthouses in Palau.\n");
    expect(await ingest(corpus(), index())).toBe(0);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await (await fetch(`${server.base}/health`)).json()).paragraphs !== 142) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(clients);
    expect(errors).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const answer = await (await ask(server.base, "What does the Quokka initiative fund?")).json();
    expect(answer.citations[0]).toMatchObject({ file: "quokka.txt", paragraph: 1 });
  });

  it("re-indexes on POST /admin/reindex, behind the admin token", async () => {
    expect((await fetch(`${server.base}/admin/reindex`, { method: "POST" })).status).toBe(401);
    await writeFile(join(corpus(), "kiwi.txt"), "The Kiwi accord trains forty divers in Tonga.\n");
    const response = await fetch(`${server.base}/admin/reindex`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ files: 7, paragraphs: 143, embedded: 1 });
    expect((await (await fetch(`${server.base}/health`)).json()).paragraphs).toBe(143);
  });

  it("refuses a damaged new build and keeps serving the last good one", async () => {
    const good = (await currentBuildName(index()))!;
    await cp(buildDir(index(), good), buildDir(index(), "damaged"), { recursive: true });
    await truncate(join(buildDir(index(), "damaged"), "hnswlib.index"), 1000);
    await setCurrentBuild(index(), "damaged");
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !server.output().includes("new build refused")) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toMatch(/new build refused, still serving .*corrupt or truncated/);
    expect((await ask(server.base, CANONICAL)).status).toBe(200);
    // The watcher polls every 5 s: the refused build is not retried, nor logged, again.
    await new Promise((r) => setTimeout(r, 5_500));
    expect(server.output().match(/new build refused/g)).toHaveLength(1);
    await setCurrentBuild(index(), good);
  });

  it("drops a connection that sends its headers too slowly, and keeps serving others", async () => {
    const socket = connect(Number(new URL(server.base).port), "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    socket.write("POST /ask HTTP/1.1\r\nHost: x\r\n"); // and never finishes the headers
    socket.resume();
    const closed = new Promise<number>((r) => socket.once("close", () => r(Date.now())));
    const start = Date.now();
    expect((await ask(server.base, CANONICAL)).status).toBe(200);
    expect((await closed) - start).toBeLessThan(5_000);
  });

  it("refuses oversized headers with 431", async () => {
    const response = await fetch(`${server.base}/health`, { headers: { "x-padding": "y".repeat(20_000) } });
    expect(response.status).toBe(431);
  });

  it("on SIGTERM finishes the request in flight, then exits cleanly", async () => {
    const url = new URL(`${server.base}/ask`);
    const socket = connect(Number(url.port), "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const body = JSON.stringify({ question: CANONICAL });
    socket.write(`POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    // write, not end: a half-closed socket means an aborted request to Node's HTTP server (it
    // only seemed to work while answering never yielded to the event loop).
    socket.write(body.slice(10));
    let response = "";
    socket.on("data", (d) => (response += d));
    await new Promise((r) => socket.once("close", r));
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response).toContain("diving support vessel");
    expect(await server.exited).toBe(0);
  });
});

describe("a corpus folder emptied while served", () => {
  it("POST /admin/reindex answers 422 naming what it skipped, or that the folder is gone, and the last index is still served", async () => {
    const corpus = join(await tempDir("emptied"), "corpus");
    await mkdir(corpus, { recursive: true });
    await writeFile(join(corpus, "harbour.txt"), "The Harbour fund pays for two patrol boats.\n");
    const server = await startServerProcess({ CORPUS_DIR: corpus, INDEX_DIR: join(corpus, "..", "index"), ADMIN_TOKEN: ADMIN });
    await rm(join(corpus, "harbour.txt"));
    await writeFile(join(corpus, "guide.rst"), "Guide\n=====\n\nThe Harbour fund pays for three boats.\n");
    const response = await fetch(`${server.base}/admin/reindex`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}` } });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe("no_documents");
    expect(error.message).toContain(`No readable documents (.txt, .md, .markdown, .mdx, .html, .htm, .docx, .pdf) in ${corpus}`);
    expect(error.message).toContain("skipped guide.rst: reStructuredText is not read");
    const answer = await (await ask(server.base, "What does the Harbour fund pay for?")).json();
    expect(answer.citations[0]).toMatchObject({ file: "harbour.txt", paragraph: 1 });
    await rm(corpus, { recursive: true });
    const gone = await fetch(`${server.base}/admin/reindex`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}` } });
    expect(gone.status).toBe(422);
    expect((await gone.json()).error.message).toContain(`The corpus folder ${corpus} does not exist`);
    expect((await ask(server.base, "What does the Harbour fund pay for?")).status).toBe(200);
    expect(server.output()).not.toMatch(/failed:/);
  });
});

describe("POST /admin/reindex?wait=false, for a caller that cannot wait (a webhook gives up after 10 s)", () => {
  let work: string;
  let server: ServerProcess;
  const corpus = () => join(work, "corpus");
  const index = () => join(work, "index");
  const asAdmin = { authorization: `Bearer ${ADMIN}` };
  const reindex = (query = "") => fetch(`${server.base}/admin/reindex${query}`, { method: "POST", headers: asAdmin });
  const status = async () => (await fetch(`${server.base}/admin/reindex`, { headers: asAdmin })).json();
  async function statusOnce(done: (s: { state: string }) => boolean) {
    const deadline = Date.now() + 30_000;
    for (let s = await status(); ; s = await status()) {
      if (done(s) || Date.now() > deadline) return s;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const settled = () => statusOnce((s) => s.state !== "running");
  /** Whether a status is what the OpenAPI document says GET /admin/reindex answers. */
  const documented = new Ajv2020({ strict: false }).compile(openApiDocument.components.schemas.ReindexStatus);

  beforeAll(async () => {
    work = await tempDir("reindex-no-wait", true);
    server = await startServerProcess({ CORPUS_DIR: corpus(), INDEX_DIR: index(), ADMIN_TOKEN: ADMIN });
  });

  it("answers 202 at once; GET /admin/reindex says it is running, then that it finished, with the summary; the new paragraph is answered after", async () => {
    expect((await fetch(`${server.base}/admin/reindex`)).status).toBe(401);
    expect(await status()).toEqual({ state: "none" });
    await writeFile(join(corpus(), "walrus.txt"), "The Walrus compact pays for six tugboats in Fiji.\n");
    const started = await reindex("?wait=false&force=true");
    expect(started.status).toBe(202);
    expect(started.headers.get("location")).toBe("/admin/reindex");
    const running = await started.json();
    expect(running).toMatchObject({ state: "running", force: true });
    // A webhook delivered again: told about the run already going, which is not restarted.
    const again = await reindex("?wait=false");
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(running);
    // The synchronous form is refused meanwhile, as a second ingest always was.
    const waiting = await reindex();
    expect(waiting.status).toBe(409);
    expect((await waiting.json()).error.code).toBe("conflict");
    const finished = await settled();
    expect(finished).toMatchObject({ state: "finished", force: true, started: running.started, summary: { files: 6, paragraphs: 142, embedded: 142, reused: 0 } });
    expect(Date.parse(finished.ended)).toBeGreaterThanOrEqual(Date.parse(finished.started));
    for (const body of [running, finished]) expect(documented(body), JSON.stringify(documented.errors)).toBe(true);
    const answer = await (await ask(server.base, "What does the Walrus compact pay for?")).json();
    expect(answer.citations[0]).toMatchObject({ file: "walrus.txt", paragraph: 1 });
  });

  it("answers 409 at once while another ingest (npm run ingest) holds the index, and starts nothing", async () => {
    const before = await status();
    expect(before.state).toMatch(/^(none|finished)$/);
    const release = await lockfile.lock(index(), { lockfilePath: join(index(), "ingest.lock"), stale: 20_000 });
    try {
      const refused = await reindex("?wait=false");
      expect(refused.status).toBe(409);
      expect((await refused.json()).error).toEqual({ code: "conflict", message: `Another ingest is writing ${index()}; try again when it has finished.` });
      expect(await status()).toEqual(before);
    } finally {
      await release();
    }
  });

  it("keeps re-indexing when a caller of the synchronous form hangs up, and swaps: GET /admin/reindex tells how it went", async () => {
    await writeFile(join(corpus(), "narwhal.txt"), "The Narwhal fund buys eleven buoys for Samoa.\n");
    const caller = new AbortController();
    const request = fetch(`${server.base}/admin/reindex?force=true`, { method: "POST", headers: asAdmin, signal: caller.signal });
    expect((await statusOnce((s) => s.state === "running")).state).toBe("running");
    caller.abort();
    await expect(request).rejects.toThrow(/abort/i);
    expect(await settled()).toMatchObject({ state: "finished", force: true, summary: { files: 7, paragraphs: 143 } });
    const answer = await (await ask(server.base, "What does the Narwhal fund buy?")).json();
    expect(answer.citations[0]).toMatchObject({ file: "narwhal.txt", paragraph: 1 });
    expect(server.output()).not.toMatch(/failed/);
  });

  it("records a background run that fails (the corpus folder gone) as the synchronous form answers it, logs it in one line, and keeps serving the last index", async () => {
    await rm(corpus(), { recursive: true });
    const started = await reindex("?wait=false");
    expect(started.status).toBe(202);
    const failed = await settled();
    expect(failed).toMatchObject({ state: "failed", force: false, error: { code: "no_documents" } });
    expect(documented(failed), JSON.stringify(documented.errors)).toBe(true);
    expect(failed.error.message).toBe(`The corpus folder ${corpus()} does not exist (set CORPUS_DIR, or --dir, to your documents' folder)\nStill serving the last index.`);
    const waited = await reindex();
    expect(waited.status).toBe(422);
    expect((await waited.json()).error).toEqual(failed.error);
    const answer = await (await ask(server.base, "What does the Walrus compact pay for?")).json();
    expect(answer.citations[0]).toMatchObject({ file: "walrus.txt", paragraph: 1 });
    expect(server.output().match(/^index: could not bring it up to date, still serving the index as it was: The corpus folder .* does not exist/gm)).toHaveLength(1);
    expect(server.output()).not.toMatch(/Unhandled|^\s+at /m);
    expect(server.child.exitCode).toBeNull();
  });

  it("is not available where there is no disk to ingest into (the Worker's app): 404 on GET and on POST", async () => {
    const base = await startServer(await seedService(), { adminToken: ADMIN });
    for (const method of ["GET", "POST"]) {
      const response = await fetch(`${base}/admin/reindex?wait=false`, { method, headers: asAdmin });
      expect(response.status, method).toBe(404);
      expect((await response.json()).error.code, method).toBe("not_found");
    }
  });
});

describe("a damaged index at start", () => {
  const damages = [
    ["a truncated vector file", async (dir: string) => truncate(join(dir, "hnswlib.index"), 100), /corrupt or truncated/],
    [
      "a different format version",
      async (dir: string) => {
        const manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
        await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, formatVersion: 99 }));
      },
      /format 99/,
    ],
  ] as const;

  async function damagedIndex(damage: (dir: string) => Promise<void>) {
    const work = await tempDir("damaged", true);
    const indexDir = join(work, "index");
    const config = loadConfig({ INDEX_DIR: indexDir });
    await buildIndex({ corpusDir: join(work, "corpus"), indexDir, embedder: await loadWordVectorEmbedder(config) });
    await damage(buildDir(indexDir, (await currentBuildName(indexDir))!));
    return { corpus: join(work, "corpus"), indexDir };
  }

  it.each(damages)("npm run ask refuses %s, saying what to run", async (_name, damage, message) => {
    const { indexDir } = await damagedIndex(damage);
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ask.ts", CANONICAL], { env: { ...process.env, INDEX_DIR: indexDir }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stderr!.on("data", (d) => (output += d));
    expect(await new Promise((r) => child.on("exit", r))).toBe(1);
    expect(output).toMatch(message);
    expect(output).toMatch(/npm run ingest -- --force/);
  });

  it.each(damages)("npm start detects %s, rebuilds from the corpus and answers correctly", async (_name, damage, message) => {
    const { corpus, indexDir } = await damagedIndex(damage);
    const server = await startServerProcess({ CORPUS_DIR: corpus, INDEX_DIR: indexDir });
    const answer = await (await ask(server.base, CANONICAL)).json();
    expect(answer.answer).toMatch(/diving support vessel/);
    if (!server.output().includes("index damaged")) expect(server.output()).toMatch(/141 embedded/); // a bad manifest is simply rebuilt
    else expect(server.output()).toMatch(message);
  });
});

describe("a swapped-out build", () => {
  it("finishes what it was answering, then releases its graph; questions put to it later are answered by the live build", async () => {
    const indexDir = join(await tempDir("swap-release"), "index");
    await cp(SEED_INDEX, indexDir, { recursive: true });
    const live = await LiveService.open(seedConfig({ INDEX_DIR: indexDir }));
    const old = live.current();
    const expected = await old.answer(CANONICAL);
    expect(expected.citations.some((c) => c.file === CANONICAL_FILE && c.paragraph === CANONICAL_PARAGRAPHS[0])).toBe(true);
    // Questions to the old service all through the swap: each one in flight when the swap
    // completes finishes on the old build, and the old build's graph goes only after the last.
    const build = (await currentBuildName(indexDir))!;
    await cp(buildDir(indexDir, build), buildDir(indexDir, `${build}-next`), { recursive: true });
    await setCurrentBuild(indexDir, `${build}-next`);
    const swapped = live.refresh();
    let swapping = true;
    void swapped.then(() => (swapping = false));
    const answers: unknown[] = [];
    const asker = async () => {
      while (swapping) answers.push(await old.answer(CANONICAL));
      for (let i = 0; i < 3; i++) answers.push(await old.answer(CANONICAL));
    };
    await Promise.all([asker(), asker(), asker()]);
    // Nothing in flight on it now, so its graph is gone: this one is the live build's to answer.
    answers.push(await old.answer(CANONICAL));
    expect(live.current()).not.toBe(old);
    expect(answers.length).toBeGreaterThan(9);
    for (const answer of answers) expect(answer).toEqual(expected);
    expect(old.health().paragraphs).toBe(live.current().health().paragraphs);
    live.close();
  });

  it("stops an ingest it is running when closed, rather than leave it to outlive the server", async () => {
    const root = await tempDir("close-during-ingest");
    const [corpus, indexDir] = [join(root, "corpus"), join(root, "index")];
    await cp("seeds", corpus, { recursive: true });
    await buildIndex({ corpusDir: corpus, indexDir, embedder: await loadWordVectorEmbedder(loadConfig({})) });
    await writeFile(join(corpus, "zz-new.txt"), "A new paragraph, so the ingest has work to do.\n");
    const live = await LiveService.open(seedConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir }));
    const ingesting = live.reindex();
    live.close();
    await expect(ingesting).rejects.toThrow(/abort/i);
  });

  it("refuses to search a released graph rather than answer from an empty one", async () => {
    const index = await loadIndex(seedConfig());
    const vector = await index.dense!.embedQuery(CANONICAL);
    expect((await index.dense!.search(vector, 5)).length).toBe(5);
    index.release!();
    await expect(index.dense!.search(vector, 5)).rejects.toThrow(/released/);
  });
});
