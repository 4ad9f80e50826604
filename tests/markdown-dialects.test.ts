import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../ingest/markdown.js";
import { readPage as read } from "./support/markdown-pages.js";

/**
 * Docs generators' own Markdown syntax (Hugo, Jekyll, MkDocs) that a rendered page never shows
 * as text. Each fixture is cut down from a real docs page of that generator (see markdown.ts for
 * the sweep that found them); each paragraph's text is what the page shows, its line where its
 * block starts in the file.
 */

describe("Markdown dialects: generator syntax is not paragraph text", () => {
  it("drops Hugo shortcodes: a paired one's lines alone, an inline one from its sentence; code keeps them", () => {
    const page = [
      "## Configuration file", // 1
      "",
      "{{% note %}}", // 3
      "With v0.109.0 and earlier the file was `config`, not `hugo`.", // 4
      "{{% /note %}}",
      "",
      "buildStats {{< new-in 0.115.1 >}} creates a `hugo_stats.json` file.", // 7
      "",
      "{{< code-toggle config=build />}}",
      "",
      "Write `{{< figure src=\"a.png\" >}}` to show a figure.", // 11
      "",
      "```go-html-template", // 13
      "{{< new-in 0.115.1 >}}",
      "```",
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "heading", "Configuration file"],
      [4, "prose", "With v0.109.0 and earlier the file was config, not hugo."],
      [7, "prose", "buildStats creates a hugo_stats.json file."],
      [11, "prose", 'Write {{< figure src="a.png" >}} to show a figure.'],
      [13, "code", "{{< new-in 0.115.1 >}}"],
    ]);
  });

  it("drops Liquid tags (Jekyll's {% raw %} around a code block and inside a sentence), keeps what they enclose", () => {
    const page = [
      "The `include` tag inserts another file:", // 1
      "",
      "{% raw %}",
      "```liquid", // 4
      "{% include footer.html %}",
      "```",
      "{% endraw %}",
      "",
      "The {% raw %}`{{ include.content }}`{% endraw %} is a parameter.", // 9
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "The include tag inserts another file:"],
      [4, "code", "{% include footer.html %}"],
      [9, "prose", "The {{ include.content }} is a parameter."],
    ]);
  });

  it("drops attribute lists ({: .class }) and MkDocs icon shortcodes", () => {
    const page = [
      "Add content to `_tabs/about.md`{: .filepath } and it shows on the page.", // 1
      "{: .prompt-tip }",
      "",
      '{: file="HelloWorld.go" }', // 4: nothing left, no paragraph
      "",
      "[:octicons-file-code-24: Source][1] · :octicons-beaker-24: Experimental", // 6
      "",
      "[1]: https://example.org/source",
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "Add content to _tabs/about.md and it shows on the page."],
      [6, "prose", "Source · Experimental"],
    ]);
  });

  it("reads a definition list's term and definition without the ': ' marker", () => {
    const page = ["[Multiplatform]", ": Install Hugo's single executable on Linux.", "", "[Multiplatform]: /installation/"].join("\n");
    expect(read(page)).toEqual([[1, "prose", "Multiplatform Install Hugo's single executable on Linux."]]);
  });

  it("drops MkDocs admonition and tab markers, keeping a quoted title; a line of prose with !!! stays", () => {
    const page = [
      '!!! note "Phasellus posuere"', // 1
      "    Lorem ipsum dolor sit amet.",
      "",
      "??? tip", // 4: no title, nothing left
      "",
      '=== "Linux"', // 6
      "",
      "!!! BE CAREFUL: BREAKING CHANGES !!!", // 8
    ].join("\n");
    expect(read(page)).toEqual([
      [1, "prose", "Phasellus posuere"],
      [2, "prose", "Lorem ipsum dolor sit amet."], // the box's body, read apart from its title (markdown-block-bodies.test.ts)
      [6, "prose", "Linux"],
      [8, "prose", "!!! BE CAREFUL: BREAKING CHANGES !!!"],
    ]);
  });

  it("reads a line of 100,000 unclosed '{%' in linear time (a tag's inside is bounded)", () => {
    const started = performance.now();
    const [paragraph] = parseMarkdown("page.md", "{%".repeat(100_000)).paragraphs;
    expect(paragraph?.text.length).toBe(200_000);
    expect(performance.now() - started).toBeLessThan(3000); // unbounded: 37 s
  });
});
