import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { corpusPath, listTextFiles } from "../ingest/listing.js";
import type { Parse } from "../ingest/parse-job.js";
import { DEFAULT_PARSE_TIMEOUT_MS } from "../ingest/parser-pool/budget.js";
import { ParserPool } from "../ingest/parser-pool/pool.js";
import { readDocumentBytes } from "../ingest/read-document.js";
import { SkipFile } from "../ingest/skip.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { writeFormatCorpus } from "./support/format-corpus.js";
import { startServerProcess } from "./support/server-process.js";
import { tempDir } from "./support/temp.js";

/**
 * Parsing in worker threads under a time budget (ingest/parser-pool/): the same paragraphs as
 * parsing in process, a file whose parse runs past the budget skipped with the reason while the
 * rest is indexed, and no thread left behind.
 */

const FASTIFY = resolve("../shared/corpora/fastify-docs");
const FIXTURE = resolve("tests/fixtures/harbour-docs");

/**
 * Valid Markdown that remark takes long over without any shape markdown-limits.ts refuses
 * (nesting ≤ 1, a handful of delimiters per block): 2,000 ordinary sections, 0.4 MB, parsed in
 * ~8.5 s on this machine under load — far past the budgets the tests set.
 */
const largeValidMarkdown = (sections = 2_000) =>
  Array.from(
    { length: sections },
    (_, i) =>
      `## Section ${i}\n\nSome text about [option ${i}](https://example.com/${i}), with \`code\` and *emphasis*.\n\n` +
      `- first item ${i}\n- second item\n\n| a | b |\n| --- | --- |\n| ${i} | [x](y) |\n\n\`\`\`js\nconst x = ${i};\n\`\`\`\n\n`,
  ).join("");

/**
 * Every document of a folder read by readDocumentBytes with the given parser: the in-process one
 * (as ingest read every file before the pool) or the pool's workers (every file, however short).
 * A file that throws is recorded by its message, which is what the ingest report shows.
 */
async function readAll(dir: string, parse?: Parse): Promise<Record<string, unknown>> {
  const read: Record<string, unknown> = {};
  for (const listed of await listTextFiles(dir, [])) {
    const file = corpusPath(dir, listed.path);
    read[file] = await readDocumentBytes(file, await readFile(listed.real), parse).catch((err: Error) => `${err.name}: ${err.message}`);
  }
  return read;
}

async function readInWorkers(dir: string): Promise<Record<string, unknown>> {
  const pool = new ParserPool(DEFAULT_PARSE_TIMEOUT_MS);
  try {
    return await readAll(dir, pool.parse);
  } finally {
    await pool.close();
  }
}

describe("parsing in the parser pool", () => {
  it.each([
    ["the Fastify docs", FASTIFY],
    ["the fixture docs folder", FIXTURE],
  ])("gives %s byte for byte the paragraphs, offsets and lines the in-process parser gives", async (_, dir) => {
    if (!existsSync(dir)) return console.warn(`${dir} is absent: skipped`);
    const inWorkers = await readInWorkers(dir);
    expect(Object.keys(inWorkers).length).toBeGreaterThan(0);
    expect(Object.values(inWorkers).filter((r) => typeof r === "string")).toEqual([]);
    expect(JSON.stringify(inWorkers)).toBe(JSON.stringify(await readAll(dir)));
  }, 120_000);

  it("gives HTML, Word and PDF files the same paragraphs and skips as in process", async () => {
    const dir = join(await tempDir("pool-formats"), "corpus");
    await mkdir(dir);
    await writeFormatCorpus(dir);
    const inWorkers = await readInWorkers(dir);
    // The scanned PDF's skip crossed the thread boundary as the same error, with the same reason.
    expect(inWorkers["scan.pdf"]).toBe("SkipFile: no text layer");
    expect(JSON.stringify(inWorkers)).toBe(JSON.stringify(await readAll(dir)));
  }, 120_000);

  it("stops a parse past the budget and parses the next file in a new worker", async () => {
    const pool = new ParserPool(300, 1);
    try {
      const slow = pool.parse({ format: "markdown", file: "big.md", text: largeValidMarkdown() });
      await expect(slow).rejects.toThrow(SkipFile);
      await expect(slow).rejects.toMatchObject({ reason: "not parsed as Markdown: parsing took longer than 300 ms (PARSE_TIMEOUT_MS)" });
      const next = await pool.parse({ format: "markdown", file: "next.md", text: "# Next\n\nStill parsed.\n" });
      expect(next.paragraphs.map((p) => p.text)).toEqual(["Next", "Still parsed."]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

/** A folder with one Markdown file too large to parse within a small budget, among ordinary ones. */
async function corpusWithLargeFile(): Promise<{ work: string; corpus: string }> {
  const work = await tempDir("pool-budget");
  const corpus = join(work, "corpus");
  await mkdir(corpus);
  await writeFile(join(corpus, "big.md"), largeValidMarkdown());
  await writeFile(join(corpus, "guide.md"), "# Guide\n\n- The Heron fund pays for six patrol boats.\n  - Two of them are based in Suva.\n");
  await writeFile(join(corpus, "notes.txt"), "The Petrel grant trains twelve harbour pilots in Apia.\n");
  await writeFile(join(corpus, "page.html"), "<html><body><p>The Tern programme repairs four jetties in Nuku'alofa.</p></body></html>");
  return { work, corpus };
}

const OVER_BUDGET = { file: "big.md", reason: "not parsed as Markdown: parsing took longer than 500 ms (PARSE_TIMEOUT_MS)" };

describe("a file whose parse runs past PARSE_TIMEOUT_MS", () => {
  it("is skipped with the reason by npm run ingest, the rest is indexed, and the process exits by itself", async () => {
    const { work, corpus } = await corpusWithLargeFile();
    const child = spawn(process.execPath, ["--import", "tsx", "ingest/cli.ts", "--dir", corpus, "--index", join(work, "index"), "--json"], {
      env: { ...process.env, EMBEDDER: "wordvectors", PARSE_TIMEOUT_MS: "500" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    // The CLI never calls process.exit on success: it ends only when no worker thread is left.
    const code = await new Promise((r) => child.on("exit", r));
    expect(code, err).toBe(0);
    const summary = JSON.parse(out.trim().split("\n").at(-1)!);
    expect(summary.skipped).toEqual([OVER_BUDGET]);
    expect(summary.files).toBe(3);
    expect(err).toContain(`skipped big.md: ${OVER_BUDGET.reason}`);
  }, 90_000);

  it("is read by the next ingest once the budget is raised, without --force", async () => {
    const work = await tempDir("pool-retry");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    // A fifth of the large file: over a 50 ms budget, well within a generous one even under load.
    await writeFile(join(corpus, "big.md"), largeValidMarkdown(400));
    await writeFile(join(corpus, "notes.txt"), "The Petrel grant trains twelve harbour pilots in Apia.\n");
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    const ingest = async (parseTimeoutMs: number) => buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config), parseTimeoutMs });
    expect((await ingest(50)).skipped).toEqual([{ file: "big.md", reason: "not parsed as Markdown: parsing took longer than 50 ms (PARSE_TIMEOUT_MS)" }]);
    // Same files, same sizes and times: before, the stored skip was replayed and big.md never read.
    const retried = await ingest(300_000);
    expect(retried.skipped).toEqual([]);
    expect(retried.files).toBe(2);
    expect(retried.reused).toBeGreaterThan(0);
  }, 120_000);

  it("is skipped by a server starting on the corpus and by POST /admin/reindex, which keep serving", async () => {
    const { work, corpus } = await corpusWithLargeFile();
    const admin = "admin-token-for-tests-0123456789";
    const server = await startServerProcess({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), ADMIN_TOKEN: admin, PARSE_TIMEOUT_MS: "500" });
    expect(server.output()).toContain(`skipped big.md: ${OVER_BUDGET.reason}`);
    const ask = async (question: string) =>
      (await fetch(`${server.base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) })).json();
    expect((await ask("How many patrol boats does the Heron fund pay for?")).citations[0]).toMatchObject({ file: "guide.md" });

    await writeFile(join(corpus, "kiwi.md"), "# Kiwi\n\nThe Kiwi accord trains forty divers in Tonga.\n");
    const response = await fetch(`${server.base}/admin/reindex`, { method: "POST", headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ files: 4, skipped: [OVER_BUDGET] });
    expect((await ask("How many divers does the Kiwi accord train?")).citations[0]).toMatchObject({ file: "kiwi.md" });
    expect((await fetch(`${server.base}/health`)).status).toBe(200);
  }, 120_000);
});
