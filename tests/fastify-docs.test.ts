import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { readCorpus } from "../ingest/read-corpus.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { openService } from "../src/open-service.js";
import type { Answer, Paragraph } from "../src/types.js";
import { tempDir } from "./support/temp.js";

/** Fastify's real docs and questions over them, shared read-only beside this worktree. */
const CORPUS = resolve("../shared/corpora/fastify-docs");
const QUESTIONS = resolve("../shared/eval/fastify-docs.json");
const present = existsSync(CORPUS) && existsSync(QUESTIONS);
if (!present) console.warn(`fastify-docs tests skipped: ${CORPUS} or ${QUESTIONS} is absent (they live in ../shared)`);

/**
 * Fenced code blocks found line by line, independently of the Markdown parser: an opening fence
 * (``` or ~~~, any indentation) runs to the next fence of the same character at least as long.
 */
function fencedBlocks(source: string): { from: number; to: number }[] {
  const blocks: { from: number; to: number }[] = [];
  let open: { char: string; length: number; from: number } | null = null;
  source.split("\n").forEach((line, i) => {
    const fence = line.match(/^\s*(`{3,}|~{3,})(.*)$/);
    if (!fence) return;
    const [char, length] = [fence[1]![0]!, fence[1]!.length];
    if (!open) open = { char, length, from: i + 1 };
    else if (char === open.char && length >= open.length && !fence[2]!.trim()) {
      blocks.push({ from: open.from, to: i + 1 });
      open = null;
    }
  });
  return blocks;
}

/** What a rendered answer must never show: Markdown that leaked through. */
function leakedMarkdown(answer: Answer): string[] {
  const text = answer.answer;
  const problems: string[] = [];
  if (text.includes(":::")) problems.push("a ::: container fence");
  const fences = text.split("\n").filter((line) => /^\s*`{3,}/.test(line)).length;
  if (fences % 2 !== 0) problems.push("an unbalanced ``` fence");
  // Outside code: a [text](url) link, or front matter ("---" lines, "title:" keys).
  const prose = text.replace(/(^|\n)(`{3,})[^\n]*\n[\s\S]*?\n\2(?=\n|$)/g, "");
  if (/\[[^\]\n]*\]\([^)\s]+\)/.test(prose)) problems.push("Markdown link syntax with a URL");
  if (/(^|\n)---\s*(\n|$)|(^|\n)(title|sidebar_\w+):\s/.test(prose)) problems.push("front matter");
  return problems;
}

describe.skipIf(!present)("the Fastify docs (../shared/corpora/fastify-docs)", () => {
  let files: { file: string; paragraphs: Paragraph[]; source: string }[];
  beforeAll(async () => {
    const corpus = await readCorpus(CORPUS);
    files = await Promise.all(corpus.files.map(async (f) => ({ ...f, source: await readFile(join(CORPUS, f.file), "utf8") })));
  });

  it("never splits a code block: each fenced block is exactly one code paragraph", () => {
    let blocks = 0;
    for (const { file, paragraphs, source } of files) {
      for (const block of fencedBlocks(source)) {
        blocks++;
        const overlapping = paragraphs.filter((p) => p.line <= block.to && p.endLine >= block.from);
        expect(overlapping.map((p) => `${file} ¶${p.n} ${p.kind} ${p.line}-${p.endLine}`)).toEqual([
          `${file} ¶${overlapping[0]?.n} code ${block.from}-${block.to}`,
        ]);
      }
      for (const p of paragraphs.filter((p) => p.kind !== "code")) expect(p.text, `${file} ¶${p.n}`).not.toMatch(/^```|```$/);
    }
    expect(blocks).toBeGreaterThan(500);
  });

  describe("answers to every question of eval/fastify-docs.json", () => {
    let answers: { question: string; answer: Answer }[];
    beforeAll(async () => {
      const work = await tempDir("fastify-index");
      const config = loadConfig({ CORPUS_DIR: CORPUS, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
      await buildIndex({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
      const service = await openService(config);
      const questions = JSON.parse(await readFile(QUESTIONS, "utf8")) as { question: string }[];
      answers = [];
      for (const { question } of questions) answers.push({ question, answer: await service.answer(question) });
    }, 300_000);

    it("show no ::: fence, unbalanced ``` fence, link URL in Markdown syntax or front matter", () => {
      expect(answers.length).toBeGreaterThan(50);
      const leaks = answers.flatMap(({ question, answer }) => leakedMarkdown(answer).map((problem) => `${question}: ${problem}`));
      expect(leaks).toEqual([]);
    });

    it("quote code whole and fenced where they cite code", () => {
      for (const { answer } of answers) {
        for (const c of answer.citations.filter((c) => c.kind === "code")) expect(answer.answer).toContain(`${c.quote}\n\`\`\``);
      }
    });
  });
});
