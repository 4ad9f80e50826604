import { appendFile, cp, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { prepareIndex } from "../src/startup.js";
import { tempDir } from "./support/temp.js";

// npm start on a folder whose index must be brought up to date reads every file again before it
// listens: a thousand Markdown files took 1–2 minutes on two cores, with nothing in the log between
// the embedder line and "index of …". The log now says how far reading and embedding have got.
describe("npm start bringing an index up to date", () => {
  it("logs how far it has read and embedded, then only the summary once nothing changed", async () => {
    const work = await tempDir("start-progress");
    const corpus = join(work, "docs");
    await cp("tests/fixtures/harbour-docs", corpus, { recursive: true });
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });

    const first: string[] = [];
    await prepareIndex(config, (line) => first.push(line));
    const reading = first.filter((l) => l.startsWith("reading: "));
    expect(reading[0]).toMatch(/^reading: 0\/\d+ files$/);
    const total = Number(/\/(\d+) files$/.exec(reading[0]!)![1]);
    expect(total).toBeGreaterThan(1);
    expect(reading.at(-1)).toBe(`reading: ${total}/${total} files`);
    expect(first.findIndex((l) => l.startsWith("embedding: "))).toBeGreaterThan(first.indexOf(reading.at(-1)!));
    expect(first.at(-1)).toMatch(/^index of .*: \d+ files, \d+ paragraphs \(\d+ embedded, 0 reused\)$/);

    const md = (await readdir(corpus)).find((f) => f.endsWith(".md"))!;
    await appendFile(join(corpus, md), "\nThe harbour master keeps a spare set of keys.\n");
    const second: string[] = [];
    await prepareIndex(config, (line) => second.push(line));
    expect(second).toContain(`reading: ${total}/${total} files`);
    expect(second).toContain("embedding: 1/1 paragraphs");

    const third: string[] = [];
    await prepareIndex(config, (line) => third.push(line));
    expect(third.some((l) => l.startsWith("reading: ") || l.startsWith("embedding: "))).toBe(false);
  });
});
