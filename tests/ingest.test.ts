import { spawn } from "node:child_process";
import { appendFile, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { type SkippedFile, listTextFiles, listingDigest } from "../ingest/listing.js";
import { READERS_VERSION } from "../ingest/readers-version.js";
import { loadConfig } from "../src/config.js";
import { type Embedder, loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { currentBuildName } from "../src/index-store/layout.js";
import { loadIndex } from "../src/index-store/load.js";
import { tempDir } from "./support/temp.js";

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadWordVectorEmbedder(loadConfig({}));
});

describe("an unchanged corpus", () => {
  it("is recognised from file sizes and times, before any file is re-read", async () => {
    const work = await tempDir("listing", true);
    const ingest = () => buildIndex({ corpusDir: join(work, "corpus"), indexDir: join(work, "index"), embedder });
    const file = join(work, "corpus", "001_2f568d795fe33f1c.txt");
    const time = new Date("2026-01-01T00:00:00Z"); // whole seconds: utimes restores them exactly
    await utimes(file, time, time);
    await ingest();
    const build = await currentBuildName(join(work, "index"));
    // Same size and time, different words: only a re-read could notice, and none happens.
    await writeFile(file, (await readFile(file, "utf8")).replace("diving support vessel", "diving support vassel"));
    await utimes(file, time, time);
    expect(await ingest()).toMatchObject({ files: 5, paragraphs: 141, embedded: 0, reused: 141, build });
    // A real edit moves the time: the file is re-read and its paragraph re-embedded.
    await utimes(file, time, new Date(time.getTime() + 5_000));
    expect((await ingest()).embedded).toBeGreaterThanOrEqual(1);
  });
});

describe("an index built before the readers changed", () => {
  it("is read again once, though no file changed, and only what reads differently is embedded", async () => {
    const work = await tempDir("readers", true);
    const [corpusDir, indexDir] = [join(work, "corpus"), join(work, "index")];
    const ingest = () => buildIndex({ corpusDir, indexDir, embedder });
    const file = join(corpusDir, "001_2f568d795fe33f1c.txt");
    const time = new Date("2026-01-01T00:00:00Z");
    await utimes(file, time, time);
    await ingest();
    // What an older release's readers made of the file, standing in for a reader that changed:
    // the same size and time, other words, and the digest that release wrote.
    await writeFile(file, (await readFile(file, "utf8")).replace("diving support vessel", "diving support vassel"));
    await utimes(file, time, time);
    const build = join(indexDir, "builds", (await currentBuildName(indexDir))!);
    const manifest = JSON.parse(await readFile(join(build, "manifest.json"), "utf8"));
    const skipped: SkippedFile[] = [];
    manifest.listingDigest = listingDigest(corpusDir, await listTextFiles(corpusDir, skipped), skipped, READERS_VERSION - 1);
    await writeFile(join(build, "manifest.json"), JSON.stringify(manifest));

    const summary = await ingest();
    expect(summary).toMatchObject({ files: 5, paragraphs: 141 });
    expect(summary.embedded).toBeGreaterThanOrEqual(1);
    expect(summary.embedded).toBeLessThanOrEqual(2);
    const loaded = await loadIndex(loadConfig({ INDEX_DIR: indexDir, EMBEDDER: "wordvectors" }));
    expect(loaded.byFile.get("001_2f568d795fe33f1c.txt")!.some((p) => p.text.includes("diving support vassel"))).toBe(true);
    // and once only: the new build records this version
    expect((await ingest()).embedded).toBe(0);
  });
});

describe("incremental ingest", () => {
  let work: string;
  const corpus = () => join(work, "corpus");
  const index = () => join(work, "index");
  const ingest = () => buildIndex({ corpusDir: corpus(), indexDir: index(), embedder });

  beforeAll(async () => {
    work = await tempDir("ingest", true);
  });

  it("embeds everything once, then nothing for an unchanged corpus", async () => {
    const first = await ingest();
    expect(first).toMatchObject({ files: 5, paragraphs: 141, embedded: 141, reused: 0, removed: 0, skipped: [] });
    const build = await currentBuildName(index());
    const second = await ingest();
    expect(second).toMatchObject({ files: 5, paragraphs: 141, embedded: 0, reused: 141, removed: 0 });
    expect(await currentBuildName(index())).toBe(build);
  });

  it("re-embeds only the changed paragraph of an edited file", async () => {
    const file = join(corpus(), "004_83aebcb7a7747bbf.txt");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("Recent joint military exercises illustrate", "Recent joint naval exercises illustrate"));
    const summary = await ingest();
    // The edited paragraph, plus at most the short paragraph that quotes it as context.
    expect(summary.embedded).toBeGreaterThanOrEqual(1);
    expect(summary.embedded).toBeLessThanOrEqual(2);
    expect(summary.reused).toBe(141 - summary.embedded);
    const loaded = await loadIndex(loadConfig({ INDEX_DIR: index(), EMBEDDER: "wordvectors" }));
    expect(loaded.byFile.get("004_83aebcb7a7747bbf.txt")![28]!.text).toContain("Recent joint naval exercises illustrate");
  });

  it("removes a deleted file's paragraphs", async () => {
    await rm(join(corpus(), "002_879a4c8b1310ecd0.txt"));
    const summary = await ingest();
    expect(summary).toMatchObject({ files: 4, paragraphs: 125, embedded: 0, removed: 16 });
    const loaded = await loadIndex(loadConfig({ INDEX_DIR: index(), EMBEDDER: "wordvectors" }));
    expect(loaded.byFile.has("002_879a4c8b1310ecd0.txt")).toBe(false);
  });

  it("skips unreadable files with a warning naming each, and indexes the rest", async () => {
    await writeFile(join(corpus(), "empty.txt"), "");
    await writeFile(join(corpus(), "image.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    await writeFile(join(corpus(), "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await writeFile(join(corpus(), "notes.md"), "# Notes\n\nThe Asagiri class is a destroyer.\n");
    const summary = await ingest();
    expect(summary.skipped).toEqual([
      { file: "empty.txt", reason: "empty file" },
      { file: "image.txt", reason: "binary file" },
      { file: "latin1.txt", reason: "not valid UTF-8" },
    ]);
    expect(summary.files).toBe(5);
    expect(summary.paragraphs).toBe(127);
  });
});

function runIngest(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ["--import", "tsx", "ingest/cli.ts", ...args], {
    env: { ...process.env, EMBEDDER: "wordvectors", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("npm run ingest", () => {
  it("ends with one JSON summary line with --json", async () => {
    const work = await tempDir("ingest-cli", true);
    const child = runIngest(["--dir", join(work, "corpus"), "--index", join(work, "index"), "--json"], {});
    const code = new Promise((r) => child.on("close", r));
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    expect(await code).toBe(0);
    const last = JSON.parse(out.trim().split("\n").at(-1)!);
    expect(last).toEqual({
      files: 5,
      paragraphs: 141,
      embedded: 141,
      reused: 0,
      removed: 0,
      skipped: [],
      embedder: embedder.id,
    });
  });

  it("killed mid-run, leaves the previous index whole and serving", async () => {
    const work = await tempDir("ingest-kill", true);
    const corpus = join(work, "corpus");
    const index = join(work, "index");
    await buildIndex({ corpusDir: corpus, indexDir: index, embedder });
    const before = await currentBuildName(index);
    // A corpus large enough that a forced rebuild takes a while, then kill it at several points.
    const filler = Array.from({ length: 6000 }, (_, i) => `Filler paragraph ${i} about maritime cooperation number ${i * 7}.`).join("\n");
    await appendFile(join(corpus, "filler.txt"), filler);
    for (const delay of [150, 400, 800, 1500]) {
      const child = runIngest(["--dir", corpus, "--index", index, "--force"], {});
      const closed = new Promise((r) => child.on("close", r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await closed;
      const name = await currentBuildName(index);
      const loaded = await loadIndex(loadConfig({ INDEX_DIR: index, EMBEDDER: "wordvectors" }));
      // Either the old build is still live, or the new one finished completely before the kill.
      if (name === before) expect(loaded.paragraphs).toHaveLength(141);
      else expect(loaded.paragraphs).toHaveLength(141 + 6000);
    }
  }, 120_000);

  it("refuses a second ingest while one is running", async () => {
    const work = await tempDir("ingest-lock", true);
    const index = resolve(work, "index");
    await appendFile(join(work, "corpus", "filler.txt"), Array.from({ length: 20000 }, (_, i) => `Line ${i} of filler text.`).join("\n"));
    const first = buildIndex({ corpusDir: join(work, "corpus"), indexDir: index, embedder });
    await new Promise((r) => setTimeout(r, 50));
    await expect(buildIndex({ corpusDir: join(work, "corpus"), indexDir: index, embedder })).rejects.toThrow(/Another ingest/);
    await first;
  });
});
