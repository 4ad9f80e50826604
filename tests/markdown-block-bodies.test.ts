import { describe, expect, it } from "vitest";
import { pageSources as sources, readPage as read } from "./support/markdown-pages.js";

/**
 * Python-Markdown's block bodies (Material for MkDocs' admonitions, pymdownx details and content
 * tabs): the body is indented four spaces under its marker line, which CommonMark alone reads as
 * an indented code block. Fixtures cut down from Material for MkDocs' docs
 * (docs/reference/admonitions.md, content-tabs.md). Each paragraph's line is where its block
 * starts in the file, and its offsets slice that block's source out of the file.
 */

describe("Markdown: MkDocs block bodies indented four spaces are read as Markdown", () => {
  it("reads an admonition's body after a blank line as its paragraphs, list items and code", () => {
    const page = [
      '!!! note "Phasellus posuere"', // 1
      "",
      "    Lorem ipsum dolor sit amet, consectetur", // 3
      "    adipiscing elit.",
      "",
      "    - item one", // 6
      "    - item two", // 7
      "",
      "    ``` python", // 9
      "    def bubble_sort(items):",
      "        return sorted(items)",
      "    ```",
      "",
      "Back outside the box.", // 14
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "Phasellus posuere"],
      [3, "prose", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."],
      [6, "list-item", "item one"],
      [7, "list-item", "item two"],
      [9, "code", "def bubble_sort(items):\n    return sorted(items)"],
      [14, "prose", "Back outside the box."],
    ]);
    expect(sources(page).map((s) => s.slice)).toEqual([
      '!!! note "Phasellus posuere"',
      "Lorem ipsum dolor sit amet, consectetur\n    adipiscing elit.",
      "- item one",
      "- item two",
      "``` python\n    def bubble_sort(items):\n        return sorted(items)\n    ```",
      "Back outside the box.",
    ]);
  });

  it("reads the body written on the next line (no blank line) apart from the title, as the page shows it", () => {
    const page = [
      '!!! note "Phasellus posuere in sem ut cursus"', // 1
      "    Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod", // 2
      "    nulla. Curabitur feugiat, tortor non consequat finibus.",
      "",
      "    Nunc eu odio eleifend, blandit leo a, volutpat sapien.", // 5
      "",
      "??? note", // 7: no title, nothing to read
      "    - item one", // 8
      "    - item two",
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "Phasellus posuere in sem ut cursus"],
      [2, "prose", "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla et euismod nulla. Curabitur feugiat, tortor non consequat finibus."],
      [5, "prose", "Nunc eu odio eleifend, blandit leo a, volutpat sapien."],
      [8, "list-item", "item one"],
      [9, "list-item", "item two"],
    ]);
    for (const { slice, lines } of sources(page)) expect(lines.trimStart()).toBe(slice);
  });

  it("reads a ???+ details block's body, with a heading inside", () => {
    const page = [
      '???+ question "How do I upgrade?"', // 1
      "",
      "    ### From version 8", // 3
      "",
      "    Run `pip install --upgrade mkdocs-material`.", // 5
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "How do I upgrade?"],
      [3, "heading", "From version 8"],
      [5, "prose", "Run pip install --upgrade mkdocs-material."],
    ]);
  });

  it("reads content tabs' bodies, a fenced code block inside each, and a nested admonition", () => {
    const page = [
      '=== "Linux"', // 1
      "",
      "    Run `apt install foo`.", // 3
      "",
      "    ```bash", // 5
      "    apt install foo",
      "    ```",
      "",
      '=== "macOS"', // 9
      "",
      "    !!! tip", // 11
      "",
      "        Homebrew installs it too:", // 13
      "",
      "        ```bash", // 15
      "        brew install foo",
      "        ```",
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "Linux"],
      [3, "prose", "Run apt install foo."],
      [5, "code", "apt install foo"],
      [9, "prose", "macOS"],
      [13, "prose", "Homebrew installs it too:"],
      [15, "code", "brew install foo"],
    ]);
    for (const { slice, lines } of sources(page)) expect(lines.trimStart()).toBe(slice);
  });

  it("keeps an ordinary indented code block as code, and a body indented under a line that is not only a marker", () => {
    const page = [
      "Install it:", // 1
      "",
      "    npm install foo", // 3
      "",
      "!!! BE CAREFUL: BREAKING CHANGES !!!", // 5
      "",
      "    const foo = require('foo')", // 7
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "Install it:"],
      [3, "code", "npm install foo"],
      [5, "prose", "!!! BE CAREFUL: BREAKING CHANGES !!!"],
      [7, "code", "const foo = require('foo')"],
    ]);
  });

  it("keeps offsets exact with tabs and CRLF line ends", () => {
    const page = ['!!! note "Tabbed"', "", "\tFirst paragraph.", "", "  \tSecond paragraph."].join("\r\n");
    expect(read(page)).toEqual([
      [1, "prose", "Tabbed"],
      [3, "prose", "First paragraph."],
      [5, "prose", "Second paragraph."],
    ]);
    expect(sources(page).map((s) => s.slice)).toEqual(['!!! note "Tabbed"', "First paragraph.", "Second paragraph."]);
  });
});

describe("Markdown: block bodies, read in bounded time", () => {
  it("reads 400 admonitions nested 4 spaces a level (0.32 MB) in bounded time: bodies 4 levels down at most", () => {
    // Level k's marker at line 2k + 1, indented 4·k: bodies of levels 0–3 read as Markdown, level 4's
    // (from line 11 on) stays code, as every body was before.
    const page = Array.from({ length: 400 }, (_, k) => `${" ".repeat(4 * k)}!!! note\n`).join("\n");
    const started = performance.now();
    const paragraphs = read(page);
    // Each level parses what it holds again: 0.6 s here alone, 1.9 s beside the other Markdown test
    // files (2 cores, under load); without MAX_BODY_DEPTH 13.7 s; the old reader, which read every
    // body as code, 0.13–0.2 s.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]!.slice(0, 2)).toEqual([11, "code"]);
  });
});
