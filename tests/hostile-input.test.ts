import { mkdir, open, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildChunks } from "../ingest/chunks.js";
import { splitParagraphs, splitPlainText } from "../ingest/paragraphs.js";
import { readCorpus } from "../ingest/read-corpus.js";
import { answerUnits } from "../src/answer/units.js";
import { verifyQuote } from "../src/answer/verify.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

describe("hostile documents", () => {
  it("reads what it can and reports every file it skips, without failing", async () => {
    const dir = await tempDir("hostile-docs");
    await writeFile(join(dir, "crlf.txt"), "First line.\r\nSecond line.\r\n");
    await writeFile(join(dir, "bom.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("With a BOM.\n")]));
    await writeFile(join(dir, "utf16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Written in UTF-16.\n", "utf16le")]));
    await writeFile(join(dir, "invalid.txt"), Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a, 0x63]));
    await writeFile(join(dir, "binary.md"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00]));
    await writeFile(join(dir, "empty.md"), "");
    await writeFile(join(dir, "one-long-line.txt"), `${"word ".repeat(200_000)}\n`); // 1 MB, one line
    const huge = await open(join(dir, "huge.txt"), "w");
    await huge.truncate(50 * 1024 * 1024); // 50 MB
    await huge.close();
    let deep = dir;
    for (let i = 0; i < 40; i++) deep = join(deep, `d${i}`);
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, "deep.txt"), "Found at depth forty.\n");
    await symlink(dir, join(dir, "loop")); // a symlink loop
    await symlink(join(dir, "missing"), join(dir, "dangling.txt"));

    const corpus = await readCorpus(dir);
    const files = Object.fromEntries(corpus.files.map((f) => [f.file, f.paragraphs.map((p) => p.text)]));
    expect(files["crlf.txt"]).toEqual(["First line.", "Second line."]);
    expect(files["bom.txt"]).toEqual(["With a BOM."]);
    expect(files["utf16.txt"]).toEqual(["Written in UTF-16."]);
    expect(files["one-long-line.txt"]).toHaveLength(1);
    expect(Object.keys(files).some((f) => f.endsWith("d39/deep.txt"))).toBe(true);
    expect(Object.keys(files).filter((f) => f.includes("loop"))).toEqual([]);
    expect(corpus.skipped).toEqual(
      expect.arrayContaining([
        { file: "invalid.txt", reason: "not valid UTF-8" },
        { file: "binary.md", reason: "binary file" },
        { file: "empty.md", reason: "empty file" },
        { file: "huge.txt", reason: "larger than 20 MB" },
      ]),
    );
  });
});

/** Text made of the pieces documents are made of: sentences, list items, table rows, headings, blank lines. */
const documentLines = [
  fc.stringMatching(/^[A-Z][a-z ,]{0,60}[.?!]$/),
  fc.stringMatching(/^- [A-Za-z0-9 ]{1,40}$/),
  fc.stringMatching(/^\| [A-Za-z ]{1,10} \| [A-Za-z0-9 ]{1,10} \|$/),
  fc.stringMatching(/^# [A-Za-z ]{1,30}$/),
  fc.constant(""),
];
const line = fc.oneof(...documentLines, fc.string({ maxLength: 80 }));
const documentText = fc.array(line, { maxLength: 30 }).map((lines) => lines.join("\n"));
const lineEnding = fc.constantFrom("\n", "\r\n");

describe("properties", () => {
  it("plain-text paragraph offsets always slice to the paragraph's text", () => {
    fc.assert(
      fc.property(documentText, lineEnding, (text, eol) => {
        const source = text.replace(/\n/g, eol);
        for (const p of splitParagraphs("a.txt", source)) expect(source.slice(p.start, p.end)).toBe(p.text);
      }),
    );
  });

  it("Markdown paragraph offsets and lines point at their block's source", () => {
    fc.assert(
      fc.property(documentText, lineEnding, (text, eol) => {
        const source = text.replace(/\n/g, eol);
        let previousEnd = 0;
        for (const p of splitParagraphs("a.md", source)) {
          expect(p.start).toBeGreaterThanOrEqual(previousEnd);
          expect(p.end).toBeGreaterThan(p.start);
          expect(source.slice(0, p.start).split("\n").length).toBe(p.line);
          expect(source.slice(0, p.end).split("\n").length).toBe(p.endLine);
          previousEnd = p.end;
        }
      }),
    );
  });

  it("paragraph numbers are stable when paragraphs are appended", () => {
    fc.assert(
      fc.property(documentText, documentText, fc.constantFrom("lines", "blocks") as fc.Arbitrary<"lines" | "blocks">, (text, more, rule) => {
        const before = splitPlainText("a.txt", text, rule);
        const after = splitPlainText("a.txt", `${text}\n\n${more}`, rule);
        expect(after.slice(0, before.length)).toEqual(before);
      }),
    );
  });

  it("Markdown paragraph numbers are stable when blocks are appended", () => {
    // Only the document-like lines: arbitrary text may legitimately change earlier blocks in
    // Markdown (an indented line continues a list item; a link definition turns "[x]" into a link).
    const markdownText = fc.array(fc.oneof(...documentLines), { maxLength: 30 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(markdownText, markdownText, (text, more) => {
        const before = splitParagraphs("a.md", text);
        const after = splitParagraphs("a.md", `${text}\n\n${more}`);
        expect(after.slice(0, before.length)).toEqual(before);
      }),
    );
  });

  it("every quote the answerer can emit verifies against its paragraph", () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const chunks = [...buildChunks(splitParagraphs("a.md", text)), ...buildChunks(splitParagraphs("a.txt", text))];
        for (const c of chunks) {
          const paragraph = { ...c.paragraph, kind: c.kind, context: c.context, chunkHash: c.hash };
          for (const unit of answerUnits(paragraph)) expect(verifyQuote(unit.quote, paragraph.text)).toBe(true);
        }
      }),
    );
  });
});

describe("hostile requests", () => {
  let open: string;
  let keyed: string;
  beforeAll(async () => {
    open = await startServer(await seedService());
    keyed = await startServer(await seedService(), { apiKeys: ["key-one-0123456789", "key-two-0123456789"], ratePerMinute: 2 });
  });
  const ask = (base: string, key?: string) =>
    fetch(`${base}/ask`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ question: CANONICAL }),
    });

  it("needs a valid API key when API_KEYS is set", async () => {
    expect((await ask(open)).status).toBe(200);
    expect((await ask(keyed)).status).toBe(401);
    expect((await ask(keyed, "key-three-0123456789")).status).toBe(401);
    expect((await (await ask(keyed, "wrong")).json()).error.code).toBe("unauthorized");
    expect((await ask(keyed, "key-one-0123456789")).status).toBe(200);
  });

  it("gives each key its own rate limit", async () => {
    expect((await ask(keyed, "key-one-0123456789")).status).toBe(200);
    expect((await ask(keyed, "key-one-0123456789")).status).toBe(429);
    expect((await ask(keyed, "key-two-0123456789")).status).toBe(200);
  });
});
