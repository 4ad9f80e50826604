import { execFile, spawn } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "./support/temp.js";

const run = promisify(execFile);

/**
 * `npm run train` and `npm run eval` open every corpus in a temporary index; each run used to leave
 * them all behind (1,026 in /tmp here, 2.6 GB, by 2026-12-02).
 */
describe("the scripts' temporary indexes", () => {
  it("are gone once the script that opened a corpus exits", async () => {
    const root = await tempDir("scratch");
    const corpus = join(root, "corpus");
    const scratch = join(root, "tmp");
    await mkdir(corpus);
    await mkdir(scratch);
    await writeFile(join(corpus, "relay.txt"), "The relay forwards frames between peers every second.\n");
    const script = `
      const { openCorpus } = await import(${JSON.stringify(resolve("scripts/lib/open-corpus.ts"))});
      const answerer = await openCorpus(${JSON.stringify(corpus)});
      const { readdirSync } = await import("node:fs");
      console.log(JSON.stringify({ during: readdirSync(${JSON.stringify(scratch)}), paragraphs: answerer.index.paragraphs.length }));
    `;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: scratch } });
    const seen = JSON.parse(stdout.trim().split("\n").at(-1)!) as { during: string[]; paragraphs: number };
    expect(seen.paragraphs).toBe(1);
    expect(seen.during.filter((name) => name.startsWith("cited-answers-train-"))).toHaveLength(1);
    // (tsx keeps its own cache there too: not ours to remove)
    expect((await readdir(scratch)).filter((name) => name.startsWith("cited-answers-"))).toEqual([]);
  }, 60_000);

  it("are gone when the script is stopped while it runs (Ctrl-C, kill)", async () => {
    const scratch = join(await tempDir("scratch"), "tmp");
    await mkdir(scratch);
    const script = `
      const { scratchDir } = await import(${JSON.stringify(resolve("scripts/lib/scratch-dir.ts"))});
      console.log(await scratchDir("cited-answers-train"));
      setInterval(() => {}, 1000);
    `;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: scratch } });
      const made = await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())));
      expect(made.startsWith(scratch)).toBe(true);
      expect(await readdir(scratch)).toContain(made.slice(scratch.length + 1));
      const ended = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill(signal);
      expect(await ended).toBe(signal === "SIGINT" ? 130 : 143);
      expect((await readdir(scratch)).filter((name) => name.startsWith("cited-answers-"))).toEqual([]);
    }
  }, 60_000);
});
