import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { MAX_SHOWN_CHARS, PARAGRAPHS_PER_PAGE } from "../src/http/source-page.js";
import { openService } from "../src/open-service.js";
import { appOptions } from "../src/startup.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedConfig, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

const ask = (base: string, forwardedFor?: string) =>
  fetch(`${base}/ask`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    body: JSON.stringify({ question: CANONICAL }),
  });

describe("TRUST_PROXY", () => {
  const serverWith = async (trustProxy: string) => {
    const feedback = join(await tempDir("proxy"), "feedback.jsonl");
    return startServer(await seedService(), await appOptions(seedConfig({ TRUST_PROXY: trustProxy, RATE_LIMIT_PER_MINUTE: "1", FEEDBACK_FILE: feedback })));
  };

  it("off by default: X-Forwarded-For is ignored, so one address is one budget", async () => {
    const base = await serverWith("");
    expect((await ask(base, "203.0.113.1")).status).toBe(200);
    expect((await ask(base, "203.0.113.2")).status).toBe(429);
  });

  it("with a hop count, each forwarded client has its own budget", async () => {
    const base = await serverWith("1");
    expect((await ask(base, "203.0.113.1")).status).toBe(200);
    expect((await ask(base, "203.0.113.2")).status).toBe(200);
    expect((await ask(base, "203.0.113.1")).status).toBe(429);
    // A client cannot escape its budget by prepending addresses: one hop trusts only the last.
    expect((await ask(base, "198.51.100.9, 203.0.113.1")).status).toBe(429);
  });

  it("with a list of proxy addresses, only those may name the client", async () => {
    const trusted = await serverWith("127.0.0.1");
    expect((await ask(trusted, "203.0.113.1")).status).toBe(200);
    expect((await ask(trusted, "203.0.113.2")).status).toBe(200);
    const other = await serverWith("10.0.0.1");
    expect((await ask(other, "203.0.113.1")).status).toBe(200);
    expect((await ask(other, "203.0.113.2")).status).toBe(429);
  });

  it("refuses a setting it cannot read", async () => {
    await expect(appOptions(seedConfig({ TRUST_PROXY: "not-an-address" }))).rejects.toThrow();
  });
});

describe("/sources of a very large document", () => {
  let base: string;
  const LINES = 450;
  beforeAll(async () => {
    const work = await tempDir("big-source");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    await writeFile(join(corpus, "long.txt"), `${Array.from({ length: LINES }, (_, i) => `Line ${i + 1} of the long report.`).join("\n")}\n`);
    await writeFile(join(corpus, "wide.txt"), `${"word ".repeat(10_000)}\n`);
    await writeFile(join(corpus, "odd\nname.txt"), "A file whose name holds a newline.\n");
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    base = await startServer(await openService(config));
  });
  const paragraphsOn = (page: string) => page.match(/class="para[^"]*" id="p\d+"/g) ?? [];

  it("serves a document whose file name holds a newline, as the landing page links it", async () => {
    const landing = await (await fetch(`${base}/`)).text();
    expect(landing).toContain('href="/sources/odd%0Aname.txt"');
    expect((await fetch(`${base}/sources/odd%0Aname.txt`)).status).toBe(200);
    expect(await (await fetch(`${base}/sources/odd%0Aname.txt/1`)).json()).toMatchObject({ file: "odd\nname.txt", paragraph: 1 });
  });

  it("names what is missing in a 404: the document, or the paragraph of one that exists", async () => {
    const message = async (path: string) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(404);
      return ((await response.json()) as { error: { message: string } }).error.message;
    };
    expect(await message("/sources/gone.txt/1")).toBe("No document named gone.txt");
    expect(await message("/sources/long.txt/1.5")).toBe("No paragraph 1.5 in long.txt");
    expect(await message("/sources/long.txt/0")).toBe("No paragraph 0 in long.txt");
    expect(await message("/sources/gone.txt")).toBe("No document named gone.txt");
  });

  it("serves it a page at a time, with links between pages", async () => {
    const first = await (await fetch(`${base}/sources/long.txt`)).text();
    expect(paragraphsOn(first)).toHaveLength(PARAGRAPHS_PER_PAGE);
    expect(first).toContain('href="/sources/long.txt?page=2" rel="next"');
    const last = await (await fetch(`${base}/sources/long.txt?page=3`)).text();
    expect(paragraphsOn(last)).toHaveLength(LINES - 2 * PARAGRAPHS_PER_PAGE);
    expect(last).toContain('rel="prev"');
  });

  it("shows the page holding the cited paragraph", async () => {
    const page = await (await fetch(`${base}/sources/long.txt?p=420`)).text();
    expect(page).toMatch(/class="para cited" id="p420"/);
    expect(page).not.toContain('id="p1"');
  });

  it("caps a huge paragraph and links to a page of the whole of it, for reading, not JSON", async () => {
    const page = await (await fetch(`${base}/sources/wide.txt`)).text();
    expect(page.length).toBeLessThan(MAX_SHOWN_CHARS + 5_000);
    const link = page.match(/<a href="([^"]+)">whole paragraph<\/a>/)?.[1];
    expect(link).toBeDefined();
    const whole = await fetch(`${base}${link!.replaceAll("&amp;", "&")}`);
    expect(whole.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await whole.text();
    const text = (await (await fetch(`${base}/sources/wide.txt/1`)).json()).text as string;
    expect(html).toContain(text);
    expect(html).not.toContain("whole paragraph</a>");
    expect(html).toContain('href="/sources/wide.txt?p=1#p1"');
  });
});
