import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../ingest/read-corpus.js";
import { tempDir } from "./support/temp.js";

const BANNER = "You are reading the documentation for Skyline 2.x. Skyline 3.x is the latest release.";
const FOOTER = "Was this page helpful? Tell us on the forum.";

/** A built page whose banner and footer no element or class marks as furniture. */
function page(title: string, body: string[]): string {
  return [
    "<html><body><div class='wrapper'>",
    `<div class="notice">${BANNER}</div>`,
    `<h1>${title}</h1>`,
    ...body.map((text) => `<p>${text}</p>`),
    `<div class="bottom">${FOOTER}</div>`,
    "</div></body></html>",
  ].join("\n");
}

/** Five pages of one site: each has its own content, a label its content repeats, the site's banner and footer. */
async function writeSite(dir: string, pages: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const topics = ["Install", "Relays", "Ports", "Logging", "Upgrades"].slice(0, pages);
  for (const [i, topic] of topics.entries()) {
    const body = [`${topic} is configured in skyline.toml.`, "Arguments:", `The ${topic.toLowerCase()} section takes a name and a timeout.`, `See page ${i + 1} of the guide for more.`];
    await writeFile(join(dir, `${String.fromCharCode(97 + i)}-${topic.toLowerCase()}.html`), page(topic, body));
  }
}

const texts = (paragraphs: { text: string }[]) => paragraphs.map((p) => p.text);

describe("a site's HTML pages", () => {
  it("are read without the banner and footer the site repeats on every page, kept once on the first page", async () => {
    const dir = await tempDir("site-boilerplate");
    await writeSite(dir, 5);
    const { files, skipped } = await readCorpus(dir);
    expect(skipped).toEqual([]);
    const [first, ...rest] = files;
    expect(texts(first!.paragraphs)).toContain(BANNER);
    expect(texts(first!.paragraphs)).toContain(FOOTER);
    for (const file of rest) {
      expect(texts(file.paragraphs)).not.toContain(BANNER);
      expect(texts(file.paragraphs)).not.toContain(FOOTER);
      // The label each page's own content repeats stands inside the page: kept on every page.
      expect(texts(file.paragraphs)).toContain("Arguments:");
      // Numbered as a reader counts what is left, the source lines unchanged.
      expect(file.paragraphs.map((p) => p.n)).toEqual(file.paragraphs.map((_, i) => i + 1));
      expect(file.paragraphs[0]).toMatchObject({ kind: "heading", line: 3 });
    }
  });

  it("of a site too small to tell (three pages) are left whole", async () => {
    const dir = await tempDir("site-boilerplate-small");
    await writeSite(dir, 3);
    const { files } = await readCorpus(dir);
    for (const file of files) expect(texts(file.paragraphs)).toEqual(expect.arrayContaining([BANNER, FOOTER]));
  });

  it("leave Markdown files beside them as they are, repeated lines and all", async () => {
    const dir = await tempDir("site-boilerplate-md");
    await writeSite(dir, 5);
    for (const name of ["one", "two", "three", "four", "five"]) await writeFile(join(dir, `${name}.md`), `${BANNER}\n\n# ${name}\n\nThe ${name} notes.\n`);
    const { files } = await readCorpus(dir);
    const markdown = files.filter((f) => f.file.endsWith(".md"));
    expect(markdown).toHaveLength(5);
    for (const file of markdown) expect(texts(file.paragraphs)[0]).toBe(BANNER);
  });

  it("name a page that holds nothing but the site's repeated text as skipped, and why", async () => {
    const dir = await tempDir("site-boilerplate-empty");
    await writeSite(dir, 5);
    await writeFile(join(dir, "z-empty.html"), `<html><body><div>${BANNER}</div><div>${FOOTER}</div></body></html>`);
    const { files, skipped } = await readCorpus(dir);
    expect(files.map((f) => f.file)).not.toContain("z-empty.html");
    expect(skipped).toEqual([{ file: "z-empty.html", reason: "no text but what every page of the site repeats" }]);
  });
});
