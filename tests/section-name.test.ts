import { describe, expect, it } from "vitest";
import { elementName } from "../src/answer/section-name.js";
import { answerProblems } from "../src/answer/verify.js";
import { serviceOverFiles } from "./support/folder-service.js";

describe("a heading that names an API element", () => {
  it("is one code-shaped token, with any argument list", () => {
    for (const name of ["exposeHeadRoutes", "reply.hijack()", "fastify.register(plugin, [options])", "--port", "@fastify/cors", "node:fs", "max_retries", "$ref", "json.dumps", "import/no-cycle", "Dispatcher.request(options[, callback])", "JSON.stringify"]) {
      expect(elementName(name), name).toBe(name);
    }
  });

  it("is not a word, a product's name or a title", () => {
    for (const heading of ["logger", "Usage", "TypeScript", "GitHub", "Malaysia", "Overview.", "Getting started", "Class: RetryAgent", "http2", "Functions/Classes", "Getting-Started"]) {
      expect(elementName(heading), heading).toBeUndefined();
    }
  });
});

describe("an answer drawn from an element's section", () => {
  const page = [
    "# Server options",
    "",
    "## Usage",
    "",
    "Pass the options when creating the server; every option can also be read back from server.options.",
    "",
    "## `exposeHeadRoutes`",
    "",
    "+ Default: `true`",
    "",
    "Automatically creates a sibling `HEAD` route for each `GET` route defined.",
    "",
    "## `requestTimeout`",
    "",
    "+ Default: `0` (no limit)",
    "",
    "The requestTimeout option bounds how long the server waits for a whole request, in milliseconds.",
    "",
  ].join("\n");

  it("names the element when its sentence does not, the heading cited verbatim", async () => {
    const service = await serviceOverFiles("section-name", { "server.md": page });
    const answer = await service.answer("Which option creates a sibling HEAD route for each GET route?", { extractiveOnly: true });
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/^exposeHeadRoutes: Automatically creates a sibling HEAD route for each GET route defined \[1\] \[2\]\./);
    expect(answer.citations[0]).toMatchObject({ file: "server.md", paragraph: 4, quote: "exposeHeadRoutes" });
    expect(answerProblems(answer, (file, n) => service.document(file)?.[n - 1]?.text)).toEqual([]);

    // A sentence that states the name, or a section headed by a word, is left as it is.
    const timeout = await service.answer("How long does the requestTimeout option let the server wait for a request?", { extractiveOnly: true });
    expect(timeout.answer).toMatch(/^The requestTimeout option bounds/);
    expect(timeout.citations.map((c) => c.quote)).not.toContain("requestTimeout");
    const usage = await service.answer("Where can I read the options back from?", { extractiveOnly: true });
    expect(usage.answer).toMatch(/^Pass the options when creating the server/);
  });
});

describe("an answer drawn from a page titled with its element", () => {
  const rule = [
    "# demo/no-shouting",
    "",
    "Keeps identifiers readable.",
    "",
    "## Rule Details",
    "",
    "Reports every variable whose name is written entirely in capital letters, except constants declared at the top of a module.",
    "",
    "### Fail",
    "",
    "```js",
    "function shout() {",
    "  let LOUD_COUNTER = 1;",
    "}",
    "```",
    "",
  ].join("\n");

  it("names the page's element, before prose and before code", async () => {
    const service = await serviceOverFiles("title-name", { "rules/no-shouting.md": rule });
    const prose = await service.answer("Which variables written in capital letters does it report?", { extractiveOnly: true });
    expect(prose.answer).toMatch(/^demo\/no-shouting: Reports every variable whose name is written entirely in capital letters/);
    expect(prose.citations[0]).toMatchObject({ file: "rules/no-shouting.md", paragraph: 1, quote: "demo/no-shouting" });
    expect(answerProblems(prose, (file, n) => service.document(file)?.[n - 1]?.text)).toEqual([]);

    const code = await service.answer("What does a function with a LOUD_COUNTER variable look like?", { extractiveOnly: true });
    expect(code.citations.some((c) => c.kind === "code")).toBe(true);
    expect(code.answer).toMatch(/^demo\/no-shouting \[1\]\.\n\n```js\n/);
    expect(code.citations[0]).toMatchObject({ paragraph: 1, quote: "demo/no-shouting" });
    expect(answerProblems(code, (file, n) => service.document(file)?.[n - 1]?.text)).toEqual([]);
  });
});
