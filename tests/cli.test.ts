import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CANONICAL, SEED_INDEX, seedService } from "./support/seed-index.js";

function ask(args: string[], env: Record<string, string> = { INDEX_DIR: SEED_INDEX }): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ask.ts", ...args], {
    env: { ...process.env, EMBEDDER: "wordvectors", ...env },
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
});
