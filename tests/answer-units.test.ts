import { describe, expect, it } from "vitest";
import { describeTableRow } from "../src/answer/units.js";
import { listItemBody } from "../src/text/paragraph-kind.js";
import { serviceOverFiles } from "./support/folder-service.js";

describe("a list item's body", () => {
  it("loses its bullet or number, never its own words", () => {
    expect(listItemBody("- 2.If possible, retry")).toBe("If possible, retry");
    expect(listItemBody("• Install it")).toBe("Install it");
    expect(listItemBody("3) Run it")).toBe("Run it");
    expect(listItemBody("--module sets the parsing mode")).toBe("--module sets the parsing mode");
    expect(listItemBody("-c/--connections: how many at once")).toBe("-c/--connections: how many at once");
    expect(listItemBody("2.0, 3.0.x and 3.1.x")).toBe("2.0, 3.0.x and 3.1.x");
    expect(listItemBody("1.5 seconds by default")).toBe("1.5 seconds by default");
  });
});

describe("a table row as an answer reads it", () => {
  it("leaves out empty cells", () => {
    expect(describeTableRow(["Cangit", "", "fastify"], ["Name", "Sponsor Link", "Packages"])).toBe("Cangit — Packages: fastify");
    expect(describeTableRow(["", "b"], ["A", "B"])).toBe("B: b");
    expect(describeTableRow(["", ""], ["A", "B"])).toBe("");
  });
});

describe("answers from a docs folder keep the words of list items and table cells", () => {
  it("quotes an option with its dashes, a version whole, and a cell holding a pipe", async () => {
    const service = await serviceOverFiles("units", {
      "cli.md":       [
        "# Command line",
        "",
        "Options of the parser:",
        "",
        "- --module sets the parsing mode to module",
        "- --ecma sets the ECMAScript version",
        "",
        "## Supported specifications",
        "",
        "The validator supports these OpenAPI versions:",
        "",
        "- 2.0, 3.0.x and 3.1.x",
        "",
        "## Options",
        "",
        "| option | type | description |",
        "| --- | --- | --- |",
        "| trustProxy | `boolean \\| string` | whether to trust the proxy headers |",
        "| logger | | the logger to write to |",
        "",
      ].join("\n"),
    });
    const units = async (question: string) => (await service.answer(question, { extractiveOnly: true })).answer;
    expect(await units("Which option sets the parsing mode to module?")).toContain("--module sets the parsing mode");
    expect(await units("Which OpenAPI versions does the validator support?")).toContain("2.0, 3.0.x and 3.1.x");
    const trust = await units("What type is the trustProxy option?");
    expect(trust).toContain("type: boolean | string");
    expect(trust).not.toContain("description: string");
  });
});
