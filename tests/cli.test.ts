import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerText } from "../src/cli/answer-text.js";
import { CANONICAL, SEED_INDEX, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

type Run = { code: number | null; out: string; err: string };

function ask(args: string[], env: Record<string, string> = { INDEX_DIR: SEED_INDEX }): Promise<Run> {
  return run("src/cli/ask.ts", args, env);
}

function ingest(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return run("ingest/cli.ts", args, env);
}

function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  // stdin closed and no terminal, as a script or CI runs it.
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, EMBEDDER: "wordvectors", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

describe("npm run ask", () => {
  it("prints the answer and a Sources list with file, paragraph and quote", async () => {
    const { code, out } = await ask([CANONICAL]);
    expect(code).toBe(0);
    expect(out).toMatch(/diving support vessel for Malaysia \[\d\]/);
    expect(out).toContain("Sources:");
    expect(out).toMatch(/\[\d\] 001_2f568d795fe33f1c\.txt ¶10 — “A 3\.1 billion yen diving support vessel for Malaysia”/);
  });

  it("prints the /ask JSON with --json", async () => {
    const { code, out } = await ask(["--json", CANONICAL]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(await (await seedService()).answer(CANONICAL));
  });

  it("answers from the index --index names, whichever corpus it holds", async () => {
    const { code, out } = await ask(["--index", SEED_INDEX, CANONICAL], { CORPUS_DIR: "tests/fixtures/harbour-docs", INDEX_DIR: "" });
    expect(code).toBe(0);
    expect(out).toMatch(/001_2f568d795fe33f1c\.txt ¶(10|26)/);
  });

  it("names a missing index folder as missing, with the command that builds it", async () => {
    const { code, err } = await ask(["--index", "/nonexistent/docs-index", CANONICAL]);
    expect(code).toBe(1);
    expect(err).toContain("The index folder /nonexistent/docs-index does not exist");
    expect(err).toContain("npm run ingest -- --dir");
  });

  it("explains its usage when no question is given", async () => {
    const { code, err } = await ask([]);
    expect(code).toBe(2);
    expect(err).toMatch(/Usage: npm run ask/);
  });

  it.each([["--help"], ["-h"], ["--json", "--help", CANONICAL]])("prints its usage on stdout and succeeds for %s", async (...args) => {
    const { code, out, err } = await ask(args);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run ask -- /);
    expect(out).toContain("--k N");
    expect(out).not.toContain("Sources:"); // help, not an answer
    expect(err).toBe("");
  });

  it("names an unknown flag, shows the usage and fails", async () => {
    const { code, out, err } = await ask(["--jsn", CANONICAL]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^npm run ask: unknown option --jsn\n/);
    expect(err).toContain("Usage: npm run ask");
    expect(err).not.toMatch(/positional argument|ERR_PARSE_ARGS|TypeError/);
  });

  it("names a bad --k and a --k without a value", async () => {
    const bad = await ask(["--k", "50", CANONICAL]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--k must be a whole number from 1 to 20, not 50/);
    const hex = await ask(["--k", "0x5", CANONICAL]);
    expect(hex.code).toBe(2);
    expect(hex.err).toMatch(/--k must be a whole number from 1 to 20, not 0x5/);
    const missing = await ask(["--k"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^npm run ask: --k needs a value/);
  });

  it("cuts a refusal's closest passages at a word, never inside one", () => {
    const text = `${"The harbour authority has deliberately ".repeat(4)}extended the quay.`;
    const shown = answerText({ answer: "The documents don't say.", abstained: true, mode: "extractive", citations: [], related: [{ file: "a.txt", paragraph: 3, line: 3, text, score: 0.2 }] });
    const quoted = /“(.*)”/.exec(shown)?.[1] ?? "";
    expect(quoted.endsWith("…")).toBe(true);
    expect(text.startsWith(quoted.slice(0, -1))).toBe(true);
    expect(text[quoted.length - 1]).toBe(" ");
  });

  it("says 1 line, not 1 lines, for a one-line code source", () => {
    const text = answerText({
      answer: "```sh\nnpm i fastify\n```\n[1]",
      abstained: false,
      mode: "extractive",
      citations: [{ n: 1, file: "a.md", paragraph: 2, line: 3, quote: "npm i fastify", score: 0.9, kind: "code", language: "sh" }],
    });
    expect(text).toContain("[1] a.md ¶2 — code (sh), 1 line");
    expect(text).not.toContain("1 lines");
  });
});

describe("npm run ask with an index folder that is not there", () => {
  it("prints the whole message, the command to run included, however long the folder's path", async () => {
    const missing = join(await tempDir("ask-missing"), "acme-corporation", "internal-documentation", "developer-portal", "search-index-production");
    const { code, err } = await ask(["--index", missing, "When does the harbour open?"], {});
    expect(code).toBe(1);
    expect(err.trim()).toBe(
      `The index folder ${missing} does not exist. Build it: npm run ingest -- --dir <your documents' folder> --index ${missing}`,
    );
  });
});

describe("npm run ask given the documents' folder as --index", () => {
  it("names the folder's own index and how to ask it, not a command that would be refused", async () => {
    const work = await tempDir("ask-docs-folder");
    await writeFile(join(work, "harbour.md"), "# Harbour\n\nThe harbour opens at dawn and closes at dusk every day of the year.\n");
    const built = await ingest(["--dir", work]); // into its own index, index/corpora/<folder>-<hash>
    const own = /^index of .* in (.*)$/m.exec(built.err)?.[1];
    expect(built.code).toBe(0);
    expect(own).toBeDefined();
    try {
      const { code, err } = await ask(["--index", work, "When does the harbour open?"], {});
      expect(code).toBe(1);
      expect(err).toContain(`No index in ${work}: it is a documents' folder, whose index is ${own}`);
      expect(err).toContain(`npm run ask -- --index ${own}`);
      expect(err).not.toContain(`--index ${work}`); // building an index into the documents' folder is refused
    } finally {
      await rm(own!, { recursive: true, force: true });
    }
  });
});

describe("npm run ingest", () => {
  it.each([["--help"], ["-h"]])("prints its usage on stdout and succeeds for %s", async (flag) => {
    const { code, out } = await ingest([flag]);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: npm run ingest/);
    expect(out).toContain("--replace");
  });

  it("names an unknown flag or a stray argument, shows the usage and fails", async () => {
    const flag = await ingest(["--jsn"]);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/^npm run ingest: unknown option --jsn\n/);
    expect(flag.err).toContain("Usage: npm run ingest");
    const stray = await ingest(["seeds"]);
    expect(stray.code).toBe(2);
    expect(stray.err).toMatch(/^npm run ingest: unexpected argument seeds/);
  });

  it("refuses an empty --dir (an unset variable) rather than indexing the seeds", async () => {
    const { code, err } = await ingest(["--dir", "", "--json"]);
    expect(code).toBe(2);
    expect(err).toMatch(/^npm run ingest: --dir is empty\n/);
  });

  it("says how far it has read before it embeds: a large folder takes minutes to read, not silently", async () => {
    const work = await tempDir("reading-progress");
    for (const name of ["a.md", "b.txt", "c.md", "d.txt"]) {
      await writeFile(join(work, name), `# ${name}\n\nThe harbour in ${name} opens at dawn and closes at dusk every day of the year.\n`);
    }
    const { code, err } = await ingest(["--dir", work, "--index", join(work, "index")]);
    expect(code).toBe(0);
    const lines = err.split("\n");
    expect(lines).toContain("reading: 0/4 files");
    expect(lines).toContain("reading: 4/4 files");
    expect(lines.indexOf("reading: 4/4 files")).toBeLessThan(lines.findIndex((l) => l.startsWith("embedding: ")));
  });

  it("counts one file as 1 file", async () => {
    const work = await tempDir("one-file");
    await writeFile(join(work, "only.txt"), "The harbour opens at dawn and closes at dusk every day of the year.\n");
    const { code, err } = await ingest(["--dir", work, "--index", join(work, "index")]);
    expect(code).toBe(0);
    expect(err).toMatch(/\b1 file, 1 paragraph: 1 embedded/);
  });
});
