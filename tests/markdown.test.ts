import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { buildChunks } from "../ingest/chunks.js";
import { parseMarkdown } from "../ingest/markdown.js";
import { readCorpus } from "../ingest/read-corpus.js";
import { readDocumentBytes } from "../ingest/read-document.js";
import { verifyQuote } from "../src/answer/verify.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import type { IndexedParagraph } from "../src/index-store/corpus.js";
import { answerUnits } from "../src/answer/units.js";
import { sourcePage } from "../src/http/source-page.js";
import { openService } from "../src/open-service.js";
import type { AskService } from "../src/service.js";
import type { Paragraph } from "../src/types.js";
import { tempDir } from "./support/temp.js";

/** A docs folder holding what real ones do: front matter, code, tables, containers, MDX, nesting. */
const FIXTURE = "tests/fixtures/harbour-docs";

const shape = (ps: Paragraph[]) => ps.map((p) => [p.kind, p.text]);

describe("Markdown paragraphs on a fixture docs folder", () => {
  let files: Map<string, { title?: string; paragraphs: Paragraph[]; source: string }>;
  beforeAll(async () => {
    const corpus = await readCorpus(FIXTURE);
    files = new Map();
    for (const f of corpus.files) files.set(f.file, { ...f, source: await readFile(join(FIXTURE, f.file), "utf8") });
  });

  it("makes every block one paragraph, as a reader sees it", () => {
    expect(shape(files.get("getting-started.md")!.paragraphs)).toEqual([
      ["heading", "Getting started"],
      ["prose", "Harbour is a small web framework. Read the full guide or the reference for details."],
      ["heading", "Install"],
      ["prose", "Install it with npm, then start the server:"],
      ["code", "# install the package\nnpm install harbour\n\n# start the server on port 3000\nnpx harbour start --port 3000"],
      ["prose", "Harbour needs Node 20 or newer."],
      ["prose", "Never run the server as root."],
      ["prose", "It drops no privileges by itself."],
      ["heading", "Read a query parameter"],
      ["prose", "To read a query parameter, use request.query:"],
      ["code", "app.get('/search', (request, reply) => {\n  const { q } = request.query\n\n  return { results: find(q) }\n})"],
      ["prose", "An older style, indented four spaces:"],
      ["code", "const q = request.query.q\nreply.send(q)"],
      ["heading", "Options"],
      ["table-row", "| Option | Default | Meaning |"],
      ["table-row", "| port | 3000 | where the server listens |"],
      ["table-row", "| bodyLimit | 1048576 | the largest body accepted, in bytes |"],
      ["heading", "Plugins"],
      ["list-item", "Plugins add features:"],
      ["list-item", "harbour-cors adds CORS headers"],
      ["list-item", "harbour-static serves files"],
      ["list-item", "from a folder"],
      ["list-item", "with caching"],
      ["list-item", "Plugins load in order."],
      ["prose", "Plugins are encapsulated."],
      ["prose", "A child plugin cannot see its siblings' decorators."],
      ["prose", "Harbour logs every plugin it loads."],
    ]);
  });

  it("reads MDX without its imports, exports, expressions and component tags", () => {
    expect(shape(files.get("guides/components.mdx")!.paragraphs)).toEqual([
      ["heading", "Deploying"],
      ["prose", "Harbour runs on any host with Node."],
      ["prose", "Build the image with docker build."],
      ["code", 'FROM node:20\nCOPY . /app\n\nCMD ["node", "/app/server.js"]'],
      ["prose", "Copy the folder and run npm start."],
      ["prose", "The current version is ."],
    ]);
    // MDX refuses HTML comments: such a file is still read, as Markdown, without its imports.
    expect(shape(files.get("guides/legacy.mdx")!.paragraphs)).toEqual([
      ["heading", "Legacy hosts"],
      ["prose", "Harbour still runs on Node 18 with the --legacy flag."],
    ]);
  });

  it("keeps a table cell holding an escaped pipe as one cell, on the source page too", () => {
    const page = ["| Option | Type | Default |", "| --- | --- | --- |", "| `disableRequestLogging` | `boolean \\| (req) => boolean` | `false` |"].join("\n");
    const [header, row] = parseMarkdown("server.md", page).paragraphs;
    expect(header!.cells).toBeUndefined();
    expect(row).toMatchObject({ text: "| disableRequestLogging | boolean | (req) => boolean | false |", cells: ["disableRequestLogging", "boolean | (req) => boolean", "false"] });
    const shown = String(sourcePage("server.md", [header!, row!]));
    const cellsOf = (n: number) => [...(new RegExp(`id="p${n}"[\\s\\S]*?<p class="row"[^>]*>([\\s\\S]*?)</p>`).exec(shown)?.[1] ?? "").matchAll(/<span[^>]*>(.*?)<\/span>/g)].map((m) => m[1]);
    expect(cellsOf(1)).toEqual(["Option", "Type", "Default"]);
    expect(cellsOf(2)).toEqual(["disableRequestLogging", "boolean | (req) =&gt; boolean", "false"]);
  });

  it("leaves out a table of contents: a list that only links to headings of the same page", () => {
    const page = [
      "# Errors",
      "**Table of contents**",
      "- [Errors](#errors)\n  - [FST_ERR_NOT_FOUND](#fst_err_not_found)\n  - [FST_ERR_QSP_NOT_FN](#fst_err_qsp_not_fn)",
      "Fastify itself uses these options:",
      "+ [logLevel](./Routes.md#custom-log-level)\n+ [prefix](#route-prefixing-option)",
      "* [Hooks](#hooks): run code at each step of a request",
      "1. Load the files.\n2. Apply the settings, in order:\n   - [defaults](#defaults)\n   - [overrides](#overrides)",
      "### FST_ERR_NOT_FOUND",
      "The route was not found.",
    ].join("\n\n");
    expect(shape(parseMarkdown("errors.md", page).paragraphs)).toEqual([
      ["heading", "Errors"],
      ["prose", "Table of contents"],
      ["prose", "Fastify itself uses these options:"],
      // a list that mixes links within the page with other links, or with words of its own, is content
      ["list-item", "logLevel"],
      ["list-item", "prefix"],
      ["list-item", "Hooks: run code at each step of a request"],
      // links nested under an item that says something of its own are that item's content
      ["list-item", "Load the files."],
      ["list-item", "Apply the settings, in order:"],
      ["list-item", "defaults"],
      ["list-item", "overrides"],
      ["heading", "FST_ERR_NOT_FOUND"],
      ["prose", "The route was not found."],
    ]);
  });

  it("reads an HTML block that is one heading element as a heading, other HTML as prose", () => {
    const page = [
      '<h1 align="center">Fastify</h1>',
      "## Database",
      "<!-- centred --><h2 style=\"text-align: center;\">Plugins</h2>",
      "<p>Plugins add routes.</p>",
      "<h3>One</h3><h3>Two</h3>",
    ].join("\n\n");
    expect(shape(parseMarkdown("database.md", page).paragraphs)).toEqual([
      ["heading", "Fastify"],
      ["heading", "Database"],
      ["heading", "Plugins"],
      ["prose", "Plugins add routes."],
      // two headings in one block are not one heading: left as the block's text
      ["prose", "One Two"],
    ]);
  });

  it("takes the document's title from its front matter, which is no paragraph", () => {
    expect(files.get("getting-started.md")!.title).toBe("Getting started with Harbour");
    expect(files.get("guides/components.mdx")!.title).toBe("Components in MDX");
    for (const { paragraphs } of files.values()) {
      for (const p of paragraphs) {
        expect(p.text).not.toMatch(/title:|sidebar_position|^---|:::|<\/?[A-Z]|import |export |\]\(|\*\*|^> /m);
      }
    }
  });

  it("keeps each code block whole, with its language, lines and source offsets", () => {
    const { paragraphs, source } = files.get("getting-started.md")!;
    const code = paragraphs.filter((p) => p.kind === "code");
    expect(code.map((p) => [p.language, p.line, p.endLine])).toEqual([
      ["sh", 17, 23],
      ["js", 39, 45],
      [undefined, 49, 50],
    ]);
    for (const p of code) {
      const block = source.slice(p.start, p.end);
      expect(block.split("\n")).toHaveLength(p.endLine - p.line + 1);
      expect(block).toContain(p.language ? p.text : p.text.split("\n")[0]!);
    }
    expect(source.slice(code[0]!.start, code[0]!.end)).toMatch(/^```sh\n[\s\S]*\n```$/);
  });

  it("points every paragraph's lines at its source", () => {
    for (const { paragraphs, source } of files.values()) {
      const lines = source.split("\n");
      for (const p of paragraphs) {
        expect(source.slice(0, p.start).split("\n").length).toBe(p.line);
        expect(p.endLine).toBeGreaterThanOrEqual(p.line);
        expect(lines.slice(p.line - 1, p.endLine).join("\n")).toContain(source.slice(p.start, p.end).split("\n")[0]!.trim());
      }
    }
  });

  it("embeds a code block with the prose that introduces it, and answers with it whole", () => {
    const paragraphs = files.get("getting-started.md")!.paragraphs;
    const chunk = buildChunks(paragraphs).find((c) => c.paragraph.language === "js")!;
    expect(chunk.kind).toBe("code");
    expect(chunk.context).toBe("Read a query parameter\nTo read a query parameter, use request.query:");
    const indexed: IndexedParagraph = { ...chunk.paragraph, context: chunk.context, chunkHash: chunk.hash };
    const units = answerUnits(indexed);
    expect(units).toHaveLength(1);
    expect(units[0]!.quote).toBe(chunk.paragraph.text);
    expect(verifyQuote(units[0]!.quote, indexed.text)).toBe(true);
  });

  it("leads a list in after a code block with the code's last line that says something", () => {
    // Before: the code's last ICU "sentence", several lines ending in a lone "}" ("'test': 1,\n}").
    const page = "# Options\n\n```js\nconst options = {\n  retries: 3,\n}\n```\n\n- retries: how often to try again\n- delay: the wait between tries\n";
    const chunks = buildChunks(parseMarkdown("options.md", page).paragraphs);
    expect(chunks.filter((c) => c.kind === "list-item").map((c) => c.context)).toEqual(["Options\nretries: 3,", "Options\nretries: 3,"]);
  });
});

describe("answers from a Markdown docs folder", () => {
  let service: AskService;
  beforeAll(async () => {
    const work = await tempDir("markdown-index");
    const config = loadConfig({ CORPUS_DIR: FIXTURE, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    await buildIndex({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    service = await openService(config);
  });

  it("answers a how-to question with the code block, fenced whole, cited as code", async () => {
    const answer = await service.answer("How do I read a query parameter?");
    expect(answer.abstained).toBe(false);
    const code = answer.citations.find((c) => c.kind === "code");
    expect(code).toMatchObject({ file: "getting-started.md", language: "js" });
    expect(code!.quote).toContain("const { q } = request.query\n\n  return { results: find(q) }");
    expect(answer.answer).toContain(`\`\`\`js\n${code!.quote}\n\`\`\`\n[${code!.n}]`);
  });

  it("quotes prose without Markdown: no link URLs, emphasis or container fences", async () => {
    const answer = await service.answer("What is Harbour?");
    expect(answer.abstained).toBe(false);
    expect(answer.answer).not.toMatch(/\]\(|\*\*|:::|https?:/);
  });
});

describe("llms.txt, Markdown by its convention", () => {
  const LLMS = [
    "# Harbourline",
    "",
    "> Harbourline is a scheduling library for container terminals.",
    "",
    "## Docs",
    "",
    "- [Berth planning](https://harbourline.example/docs/berths.md): how berth slots are allocated to incoming vessels",
    "- [Crane shifts](https://harbourline.example/docs/cranes.md): rostering crane operators across three shifts",
    "",
  ].join("\n");

  it("reads llms.txt and llms-full.txt as Markdown, any other .txt as text", async () => {
    for (const name of ["llms.txt", "site/llms-full.txt"]) {
      const { paragraphs } = await readDocumentBytes(name, Buffer.from(LLMS));
      expect(shape(paragraphs)).toEqual([
        ["heading", "Harbourline"],
        ["prose", "Harbourline is a scheduling library for container terminals."],
        ["heading", "Docs"],
        ["list-item", "Berth planning: how berth slots are allocated to incoming vessels"],
        ["list-item", "Crane shifts: rostering crane operators across three shifts"],
      ]);
    }
    const notes = await readDocumentBytes("notes.txt", Buffer.from(LLMS));
    expect(notes.paragraphs[0]!.text).toBe("# Harbourline");
  });

  it("answers from it with link text, not the link's URL", async () => {
    const work = await tempDir("llms-txt");
    const corpusDir = join(work, "site");
    await mkdir(corpusDir);
    await writeFile(join(corpusDir, "llms.txt"), LLMS);
    const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
    await buildIndex({ corpusDir, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
    const answer = await (await openService(config)).answer("How are berth slots allocated?");
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]).toMatchObject({ file: "llms.txt", quote: "Berth planning: how berth slots are allocated to incoming vessels" });
    expect(answer.answer).not.toMatch(/\]\(|https?:/);
  });
});
