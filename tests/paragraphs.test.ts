import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildChunks } from "../ingest/chunks.js";
import { decodeText } from "../ingest/decode.js";
import { ruleFor, splitParagraphs, splitPlainText } from "../ingest/paragraphs.js";
import { answerUnits } from "../src/answer/units.js";

describe("splitParagraphs on the seeds", () => {
  it("numbers every non-empty line: 141 paragraphs in the five articles", async () => {
    const files = (await readdir("seeds")).sort();
    let total = 0;
    for (const file of files) {
      const text = await readFile(join("seeds", file), "utf8");
      const paragraphs = splitParagraphs(file, text);
      expect(paragraphs.length).toBe(text.split("\n").filter((l) => l.trim()).length);
      for (const p of paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
      total += paragraphs.length;
    }
    expect(total).toBe(141);
  });

  it("keeps the canonical paragraph's number, line and text", async () => {
    const text = await readFile("seeds/001_2f568d795fe33f1c.txt", "utf8");
    const p = splitParagraphs("001_2f568d795fe33f1c.txt", text)[9]!;
    expect(p).toMatchObject({ n: 10, line: 10, endLine: 10, kind: "list-item", text: "- A 3.1 billion yen diving support vessel for Malaysia" });
    expect(p.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("paragraph rules", () => {
  it("reads Markdown by blocks as a reader sees them, list items and table rows on their own", () => {
    const md = "# Title\n\nFirst line of a **block**\nthat wraps [here](https://x.example).\n\n- one\n- two\n  continued\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const ps = splitParagraphs("notes.md", md);
    expect(ps.map((p) => p.text)).toEqual(["Title", "First line of a block that wraps here.", "one", "two continued", "| a | b |", "| 1 | 2 |"]);
    expect(ps.map((p) => p.kind)).toEqual(["heading", "prose", "list-item", "list-item", "table-row", "table-row"]);
    expect(ps.map((p) => [p.line, p.endLine])).toEqual([[1, 1], [3, 4], [6, 6], [7, 8], [10, 10], [12, 12]]);
    expect(md.slice(ps[1]!.start, ps[1]!.end)).toBe("First line of a **block**\nthat wraps [here](https://x.example).");
  });

  it("gives plain-text paragraphs their last line too", () => {
    const wrapped = "First block starts here\nand wraps once more.\n\nSecond block.\nStill second.\nThird line.\n\nThird block of text.\nAnd its end.\n";
    expect(splitParagraphs("w.txt", wrapped).map((p) => [p.line, p.endLine])).toEqual([[1, 2], [4, 6], [8, 9]]);
  });

  it("reads hard-wrapped plain text by blocks and one-line paragraphs by lines", () => {
    const wrapped = Array.from({ length: 4 }, (_, i) => `Paragraph ${i} starts here and goes on\nfor a second wrapped line of text.\n`).join("\n");
    expect(ruleFor(wrapped)).toBe("blocks");
    expect(splitParagraphs("a.txt", wrapped)).toHaveLength(4);
    expect(ruleFor("One.\nTwo.\nThree.\nFour.\n")).toBe("lines");
  });

  // The shape of util-linux's howto-build-sys.txt: " - " items wrapped onto indented lines, a
  // blank line after each, tab-indented samples. Most items are one or two lines, and that list
  // was read line by line: every wrapped line a paragraph, most of them "headings".
  it("reads a hard-wrapped list by blocks: each item with its wrapped lines one list item", async () => {
    const text = await readFile("tests/fixtures/hard-wrapped/build-rules.txt", "utf8");
    expect(ruleFor(text)).toBe("blocks");
    const ps = splitParagraphs("build-rules.txt", text);
    expect(ps.map((p) => [p.line, p.endLine])).toEqual([[1, 2], [4, 6], [8, 8], [10, 10], [12, 12], [14, 15], [17, 18], [20, 20], [22, 23], [25, 26]]);
    // Every item is a list item; the two tab-indented samples (lines 17–18, 22–23) are code
    // blocks of their own, their lines still aligned (the first keeps its tab).
    const samples = new Set([17, 22]);
    for (const p of ps.slice(1)) expect(p.kind, `line ${p.line}`).toBe(samples.has(p.line) ? "code" : "list-item");
    expect(ps[8]!.text).toBe("\tinstall-hook-tidecalc:\n\t\tln -sf tidecalc tides");
    expect(ps[1]!.text).toBe(
      "- every tool keeps its sources in its own folder, and each folder has a\n   Rules.mk file. The top-level Makefile includes them all, so one make\n   run builds the whole tree",
    );
    expect(ps[5]!.text).toBe("- tools that read charts link libchart.a in _LIBS and add\n   -I$(chart_incdir) in _FLAGS, for example");
    for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  // dpkg's triggers.txt indents quoted policy text as deeply as its shell samples; a block that
  // ends as prose does (a full stop, an introducing colon) stays prose.
  it("reads an indented block as code unless it ends as prose does", () => {
    const text = [
      "Install the hook and run it once. The script that does so is short,",
      "and it is run by the package's postinst after every upgrade:",
      "",
      "    if [ \"$1\" = configure ]; then",
      "      update-index --quiet",
      "    fi",
      "",
      "Policy says, in so many words, what packages must do about the",
      "index, and it is quoted here in full for the record:",
      "",
      "    Packages install their files under /usr/share/omf in the usual",
      "    way, and a trigger updates the index.",
      "",
    ].join("\n");
    expect(ruleFor(text)).toBe("blocks");
    const ps = splitParagraphs("hooks.txt", text);
    expect(ps.map((p) => p.kind)).toEqual(["prose", "code", "prose", "prose"]);
    expect(ps[1]!.text).toBe('    if [ "$1" = configure ]; then\n      update-index --quiet\n    fi');
    for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  // util-linux's deprecated.txt separates its records with a line of dashes, which read as a list
  // item ("-" and a bullet) and was quoted as an answer: "-------------------------- [1]. What: …".
  it("reads a line of one repeated character as a rule, which no answer quotes", () => {
    const text = ["What:   pg(1) command", "Why:    use less(1) or more(1)", "--------------------------", "What:   line(1) command", "==========", "* * *", "- an item"].join("\n");
    const ps = splitParagraphs("deprecated.txt", text);
    expect(ps.map((p) => p.kind)).toEqual(["heading", "prose", "table-rule", "heading", "table-rule", "table-rule", "list-item"]);
    for (const p of ps) expect(answerUnits({ ...p, context: "", chunkHash: "" }).length > 0, p.text).toBe(p.kind === "prose" || p.kind === "list-item");
  });

  // mdBook ships its fonts' licences beside every book: hard-wrapped, but the copyright line runs
  // 224 characters, and the whole licence was read line by line, each wrapped line a "heading".
  it("reads hard-wrapped text with a line too long to wrap by blocks, a rule opening a block as a rule and a title's underline with it", () => {
    const text = [
      `Copyright 2010, 2012 Harbour Type Foundry (https://type.example.org/), with Reserved Font Name 'Quay'. All Rights Reserved. Quay is a trademark of the Harbour Type Foundry.`,
      "",
      "This Font Software is licensed under the Open Font Licence, Version 1.1.",
      "This licence is copied below, and is also available with a FAQ.",
      "",
      "-----------------------------------------------------------",
      "OPEN FONT LICENCE Version 1.1",
      "-----------------------------------------------------------",
      "",
      "Termination",
      "===========",
      "This licence becomes null and void if any of the above conditions are",
      "not met.",
      "",
      "The fonts may be bundled, embedded, redistributed and sold with any",
      "software, provided that each copy contains the above copyright notice.",
      "-----------------------------------------------------------",
      "",
    ].join("\n");
    expect(ruleFor(text)).toBe("blocks");
    const ps = splitParagraphs("OFL.txt", text);
    expect(ps.map((p) => [p.kind, p.text.split("\n")[0]])).toEqual([
      ["prose", text.split("\n")[0]],
      ["prose", "This Font Software is licensed under the Open Font Licence, Version 1.1."],
      ["table-rule", "-----------------------------------------------------------"],
      ["heading", "OPEN FONT LICENCE Version 1.1"],
      ["heading", "Termination"],
      ["prose", "This licence becomes null and void if any of the above conditions are"],
      ["prose", "The fonts may be bundled, embedded, redistributed and sold with any"],
      ["table-rule", "-----------------------------------------------------------"],
    ]);
    // a rule under a block's first line is its underline, as Markdown reads one
    expect(ps[3]!.text).toBe("OPEN FONT LICENCE Version 1.1\n-----------------------------------------------------------");
    expect(ps[4]!.text).toBe("Termination\n===========");
    for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("keeps one-line paragraphs between blank lines line by line", () => {
    expect(ruleFor("The tide turns at six.\n\nThe harbour closes at nine.\n\nBoats wait outside.\n\nThe pilot boards first.\n")).toBe("lines");
  });

  it("handles CRLF line ends without keeping the \\r", () => {
    const ps = splitParagraphs("w.txt", "First line.\r\nSecond line.\r\n");
    expect(ps.map((p) => p.text)).toEqual(["First line.", "Second line."]);
  });

  it("reads the lone CR of old Mac files as a line end", () => {
    const text = "Anchors hold the ship.\rChains run to the bow.\r\rRopes are coiled.";
    const ps = splitParagraphs("mac.txt", text);
    expect(ps.map((p) => [p.text, p.line])).toEqual([
      ["Anchors hold the ship.", 1],
      ["Chains run to the bow.", 2],
      ["Ropes are coiled.", 4],
    ]);
    for (const p of ps) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it.each(["lines", "blocks"] as const)("numbers stay the same when paragraphs are appended (%s)", (rule) => {
    const base = "Alpha.\nBeta.\n\nGamma.\n";
    const before = splitPlainText("x.txt", base, rule);
    const after = splitPlainText("x.txt", `${base}\nDelta.\n`, rule);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});

describe("decodeText", () => {
  it("strips a UTF-8 BOM and decodes UTF-16 with a BOM", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x69]))).toEqual({ ok: true, text: "Hi" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hello", "utf16le")]);
    expect(decodeText(utf16)).toEqual({ ok: true, text: "Hello" });
  });

  it("refuses empty, binary and invalid UTF-8 files with a reason", () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, reason: "empty file" });
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({ ok: false, reason: "binary file" });
    expect(decodeText(new Uint8Array([0x48, 0xc3, 0x28]))).toEqual({ ok: false, reason: "not valid UTF-8" });
    expect(decodeText(Buffer.from(" \n\n "))).toEqual({ ok: false, reason: "no text" });
  });

  it("reads UTF-16 written without a byte-order mark, either byte order", () => {
    const text = "Harbour dues are paid monthly.\nThe north quay takes two cranes.\n";
    expect(decodeText(Buffer.from(text, "utf16le"))).toEqual({ ok: true, text });
    expect(decodeText(Buffer.from(text, "utf16le").swap16())).toEqual({ ok: true, text });
    // NULs anywhere else are still binary.
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x00, 0x00, 0x41, 0x42]))).toEqual({ ok: false, reason: "binary file" });
  });

  it("refuses binary bytes that open with a UTF-16 byte-order mark, and a cut UTF-16 file", () => {
    // Deterministic noise: lone surrogates among them, as in any binary file of some size.
    const noise = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 251);
    expect(decodeText(Uint8Array.from([0xff, 0xfe, ...noise]))).toEqual({ ok: false, reason: "not valid UTF-16" });
    const cut = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hello", "utf16le").subarray(0, 9)]);
    expect(decodeText(cut)).toEqual({ ok: false, reason: "not valid UTF-16" });
  });
});

describe("buildChunks", () => {
  it("embeds a list item with its section's topic and its lead-in, but keeps its own paragraph", async () => {
    const text = await readFile("seeds/001_2f568d795fe33f1c.txt", "utf8");
    const chunk = buildChunks(splitParagraphs("001_2f568d795fe33f1c.txt", text))[9]!;
    expect(chunk.kind).toBe("list-item");
    expect(chunk.paragraph.n).toBe(10);
    expect(chunk.context).toContain("Official Security Assistance program");
    expect(chunk.context).toContain("distributes smaller amounts across multiple recipients");
    expect(chunk.text.endsWith(chunk.paragraph.text)).toBe(true);
  });

  it("gives a table row its header", async () => {
    const text = await readFile("seeds/001_2f568d795fe33f1c.txt", "utf8");
    const chunk = buildChunks(splitParagraphs("001_2f568d795fe33f1c.txt", text))[25]!;
    expect(chunk.kind).toBe("table-row");
    expect(chunk.context).toContain("| Nation | Primary Japanese Initiative |");
  });
});
