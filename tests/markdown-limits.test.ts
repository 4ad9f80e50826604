import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { parseMarkdown } from "../ingest/markdown.js";
import { MAX_MARKDOWN_NESTING, markdownNesting } from "../ingest/markdown-limits.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { openService } from "../src/open-service.js";
import { tempDir } from "./support/temp.js";

/** remark took ~4 s on the first and ~24 s on the second (issue 13: one file must not stall an ingest). */
const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n") + "\n";
const HOSTILE = { "deep.md": nestedList(400), "brackets.md": `${"[".repeat(50_000)}\n` };

describe("Markdown shaped to stall the parser", () => {
  it("is skipped with the reason, and the rest of the corpus is indexed and answered from", async () => {
    const work = await tempDir("hostile-markdown");
    const corpus = join(work, "corpus");
    await mkdir(corpus);
    for (const [file, text] of Object.entries(HOSTILE)) await writeFile(join(corpus, file), text);
    await writeFile(join(corpus, "guide.md"), "# Guide\n\n- The Heron fund pays for six patrol boats.\n  - Two of them are based in Suva.\n");
    const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    const embedder = await loadWordVectorEmbedder(config);
    const started = Date.now();
    const summary = await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder });
    // Liveness only (the parser alone took ~28 s on these two files): the real figure is the check's own cost.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(summary.skipped).toEqual(
      expect.arrayContaining([
        { file: "deep.md", reason: expect.stringMatching(/^not parsed as Markdown: lists or quotes nested 400 levels deep/) },
        { file: "brackets.md", reason: expect.stringMatching(/^not parsed as Markdown: 50,000 "\[" in one block/) },
      ]),
    );
    expect(summary.files).toBe(1);
    const answer = await (await openService(config)).answer("How many patrol boats does the Heron fund pay for?");
    expect(answer.citations[0]).toMatchObject({ file: "guide.md", paragraph: 2 });
  });

  it("reads an HTML block of many comments without stalling on it (the heading check backtracked exponentially)", () => {
    const page = `${"<!-- a -->".repeat(30)}x\n\n<!-- title --><h1>Heron</h1>\n`;
    const started = Date.now();
    const { paragraphs } = parseMarkdown("comments.md", page);
    // Liveness only: the old check took ~13 s on the first block (doubling with each comment).
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ["prose", "x"],
      ["heading", "Heron"],
    ]);
  });

  it("leaves ordinary nesting to the parser", () => {
    expect(markdownNesting(nestedList(3))).toBe(3);
    expect(markdownNesting("> quoted\n> > twice\n>\n> - and a list\n>   - in it\n")).toBe(3);
    expect(markdownNesting("```\n- a\n  - b\n    - c\n```\n")).toBe(0);
    const within = nestedList(MAX_MARKDOWN_NESTING);
    expect(parseMarkdown("ok.md", within).paragraphs).toHaveLength(MAX_MARKDOWN_NESTING);
    expect(() => parseMarkdown("deep.md", nestedList(MAX_MARKDOWN_NESTING + 1))).toThrow(/nested 33 levels deep/);
  });
});
