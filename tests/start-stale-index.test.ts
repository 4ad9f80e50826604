import { readFile, rename, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { prepareIndex } from "../src/startup.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";
import { tempDir } from "./support/temp.js";

// npm start on a corpus whose index is merely stale re-read every file before it listened: on
// 933 Markdown files it did not answer for 1 m 48 s, with a good index on disk. It now serves that
// index at once and brings it up to date in the background; with no usable index it builds first.

const SEED_PARAGRAPHS = 141;
const NEW_FILE = "zz-lighthouse.txt";
const NEW_FACT = "The lighthouse keeper on Pellow Island feeds the gulls every Tuesday at dawn.";
const NEW_QUESTION = "Who feeds the gulls on Pellow Island?";
const CANONICAL = "What does OSA fund in Malaysia?";

const LISTENING = /^Listening on /m;
const IN_BACKGROUND = /^index: .* may have changed since its index was built; serving that index while it is brought up to date in the background$/m;
const SWAPPED = /^index: now serving build \S+ \((\d+) paragraphs\)$/m;
const NOT_REFRESHED = /^index: could not bring it up to date, still serving the index as it was: .*$/gm;

/** A copy of the seeds and its own index folder; indexed once, as an earlier start would have. */
async function indexedSeeds(prefix: string, indexFirst = true) {
  const work = await tempDir(prefix, true);
  const env = { CORPUS_DIR: join(work, "corpus"), INDEX_DIR: join(work, "index") };
  if (indexFirst) await prepareIndex(loadConfig({ ...env, EMBEDDER: "wordvectors" }), () => {});
  return { work, env };
}

/** The whole index (the seeds and the new file) was embedded before "Listening", and nothing runs in the background. */
function expectRebuiltBeforeListening(server: ServerProcess): void {
  const rebuilt = /^index of .*: 6 files, 142 paragraphs \(142 embedded, 0 reused\)$/m;
  expect(positionOf(server, rebuilt)).toBeGreaterThan(-1);
  expect(positionOf(server, rebuilt)).toBeLessThan(positionOf(server, LISTENING));
  expect(server.output()).not.toMatch(IN_BACKGROUND);
}

const health = async (server: ServerProcess) => (await (await fetch(`${server.base}/health`)).json()) as { paragraphs: number };

const ask = async (server: ServerProcess, question: string) => {
  const response = await fetch(`${server.base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { abstained: boolean; answer: string; citations: { file: string }[] };
};

/** Waits until the server's log matches `pattern`; fails, showing the log, if it does not within `ms`. */
async function logged(server: ServerProcess, pattern: RegExp, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!new RegExp(pattern.source, "m").test(server.output())) {
    if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`no line matching ${pattern} in the server's log:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where in the log a line matching `pattern` first appears (-1: nowhere). */
const positionOf = (server: ServerProcess, pattern: RegExp) => server.output().search(new RegExp(pattern.source, "m"));

describe("npm start on a corpus whose index is stale", () => {
  it("listens at once on the stale index while npm run ingest holds it, says in one line why it is not refreshed, and keeps serving", async () => {
    const { env } = await indexedSeeds("start-stale-busy");
    await writeFile(join(env.CORPUS_DIR, NEW_FILE), `${NEW_FACT}\n`);
    // What `npm run ingest` holds while it runs: the background ingest cannot finish, so every
    // request below is answered by the stale index, deterministically.
    const release = await lockfile.lock(env.INDEX_DIR, { lockfilePath: join(env.INDEX_DIR, "ingest.lock"), stale: 20_000 });
    try {
      const server = await startServerProcess(env);
      expect((await health(server)).paragraphs).toBe(SEED_PARAGRAPHS);
      const answer = await ask(server, CANONICAL);
      expect(answer.abstained).toBe(false);
      expect(answer.citations.length).toBeGreaterThan(0);

      await logged(server, NOT_REFRESHED);
      const failures = server.output().match(NOT_REFRESHED)!;
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/another ingest/i);
      expect(positionOf(server, LISTENING)).toBeLessThan(positionOf(server, IN_BACKGROUND));
      expect(positionOf(server, IN_BACKGROUND)).toBeLessThan(positionOf(server, NOT_REFRESHED));
      expect(server.output()).not.toMatch(/Unhandled|could not start|^\s+at /m);
      // Still serving, after the failure.
      expect((await health(server)).paragraphs).toBe(SEED_PARAGRAPHS);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await release();
    }
  }, 60_000);

  it("swaps to the up-to-date build once the background ingest is done, having listened before it", async () => {
    const { env } = await indexedSeeds("start-stale-swap");
    await writeFile(join(env.CORPUS_DIR, NEW_FILE), `${NEW_FACT}\n`);
    const server = await startServerProcess(env);
    const beforeSwap = await ask(server, CANONICAL);
    expect(beforeSwap.abstained).toBe(false);

    await logged(server, SWAPPED);
    expect(positionOf(server, LISTENING)).toBeGreaterThan(-1);
    expect(positionOf(server, LISTENING)).toBeLessThan(positionOf(server, IN_BACKGROUND));
    expect(positionOf(server, IN_BACKGROUND)).toBeLessThan(positionOf(server, SWAPPED));
    expect(Number(SWAPPED.exec(server.output())![1])).toBe(SEED_PARAGRAPHS + 1);
    expect((await health(server)).paragraphs).toBe(SEED_PARAGRAPHS + 1);
    const answer = await ask(server, NEW_QUESTION);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.file)).toContain(NEW_FILE);
    expect(answer.answer).toMatch(/lighthouse keeper/i);
    await logged(server, /^index of .*: 6 files, 142 paragraphs \(1 embedded, 141 reused\)$/);
    expect(server.output()).not.toMatch(NOT_REFRESHED);
  }, 60_000);

  it("reports the background ingest on GET /admin/reindex as the last re-index it started, until it has finished", async () => {
    const { env } = await indexedSeeds("start-stale-status");
    await writeFile(join(env.CORPUS_DIR, NEW_FILE), `${NEW_FACT}\n`);
    const admin = "admin-token-for-tests-0123456789";
    const server = await startServerProcess({ ...env, ADMIN_TOKEN: admin });
    const status = async () => (await fetch(`${server.base}/admin/reindex`, { headers: { authorization: `Bearer ${admin}` } })).json();
    const seen = [await status()];
    while (seen.at(-1).state === "running") {
      await new Promise((r) => setTimeout(r, 100));
      seen.push(await status());
    }
    expect(seen.at(-1)).toMatchObject({ state: "finished", force: false, summary: { files: 6, paragraphs: SEED_PARAGRAPHS + 1, embedded: 1, reused: SEED_PARAGRAPHS } });
    expect(seen.every((s) => s.started === seen[0].started)).toBe(true);
  }, 60_000);

  it("serves the index it has when the corpus folder is gone, saying in one line that it could not refresh it", async () => {
    const { work, env } = await indexedSeeds("start-stale-gone");
    await rename(env.CORPUS_DIR, join(work, "moved-away"));
    const server = await startServerProcess(env);
    expect((await health(server)).paragraphs).toBe(SEED_PARAGRAPHS);
    await logged(server, NOT_REFRESHED);
    expect(server.output().match(NOT_REFRESHED)).toEqual([expect.stringMatching(/The corpus folder .* does not exist/)]);
    expect((await ask(server, CANONICAL)).abstained).toBe(false);
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});

describe("npm start with no index of its corpus to serve meanwhile", () => {
  it("with no index yet, builds it before listening; started again on the unchanged corpus, runs nothing in the background", async () => {
    const { env } = await indexedSeeds("start-no-index", false);
    const first = await startServerProcess(env);
    const built = /^index of .*: 5 files, 141 paragraphs \(141 embedded, 0 reused\)$/m;
    expect(positionOf(first, built)).toBeGreaterThan(-1);
    expect(positionOf(first, built)).toBeLessThan(positionOf(first, LISTENING));
    expect((await health(first)).paragraphs).toBe(SEED_PARAGRAPHS);
    await first.stop();

    const again = await startServerProcess(env);
    expect((await health(again)).paragraphs).toBe(SEED_PARAGRAPHS);
    const unchanged = /^index of .*: 5 files, 141 paragraphs \(0 embedded, 141 reused\)$/m;
    expect(positionOf(again, unchanged)).toBeLessThan(positionOf(again, LISTENING));
    expect(again.output()).not.toMatch(IN_BACKGROUND);
  }, 60_000);

  it("re-embeds, before listening, an index another embedder than EMBEDDER built", async () => {
    const { env } = await indexedSeeds("start-other-embedder");
    // What an index built with EMBEDDER=transformers records; served as it is, its vectors would not match the queries'.
    const manifestFile = join(env.INDEX_DIR, "builds", (await readFile(join(env.INDEX_DIR, "CURRENT"), "utf8")).trim(), "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, embedder: { id: "transformers:Xenova/bge-small-en-v1.5:q8:cls", dims: 384 } }));
    await writeFile(join(env.CORPUS_DIR, NEW_FILE), `${NEW_FACT}\n`);
    const server = await startServerProcess(env);
    expectRebuiltBeforeListening(server);
    expect((await health(server)).paragraphs).toBe(SEED_PARAGRAPHS + 1);
  }, 60_000);

  it("rebuilds a damaged index before listening, though its corpus merely changed", async () => {
    const { env } = await indexedSeeds("start-damaged");
    await truncate(join(env.INDEX_DIR, "builds", (await readFile(join(env.INDEX_DIR, "CURRENT"), "utf8")).trim(), "hnswlib.index"), 100);
    await writeFile(join(env.CORPUS_DIR, NEW_FILE), `${NEW_FACT}\n`);
    const server = await startServerProcess(env);
    expectRebuiltBeforeListening(server);
    const answer = await ask(server, NEW_QUESTION);
    expect(answer.citations.map((c) => c.file)).toContain(NEW_FILE);
  }, 60_000);

  it("refuses, as before, to serve another corpus's index, however stale", async () => {
    const { work, env } = await indexedSeeds("start-other-corpus");
    const other = join(work, "other");
    await rename(env.CORPUS_DIR, other);
    await writeFile(join(other, NEW_FILE), `${NEW_FACT}\n`);
    const failure = await startServerProcess({ CORPUS_DIR: other, INDEX_DIR: env.INDEX_DIR }).then(
      () => "",
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/^server exited \(1\): /);
    expect(failure).toMatch(/could not start: .* holds the index of .*corpus, not of .*other/);
    expect(failure).not.toMatch(IN_BACKGROUND);
  }, 60_000);
});
