import { execFileSync } from "node:child_process";
import { cp, readFile, readdir, symlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, spawnServer } from "../scripts/lib/server-process.js";
import { tempDir } from "./support/temp.js";

/**
 * `CORPUS_DIR=~/docs npm start`, then `npm start` on the seeds, as a user would run them from one
 * checkout: here a temporary folder standing in for it (seeds/ and node_modules/ linked in), so
 * the default index folders (index/, index/corpora/…) are created there and nowhere else.
 */
let checkout: string;
let docs: string;
beforeAll(async () => {
  checkout = await tempDir("own-corpus");
  await symlink(resolve("seeds"), join(checkout, "seeds"));
  await symlink(resolve("node_modules"), join(checkout, "node_modules"));
  docs = join(checkout, "harbour-docs");
  await cp("tests/fixtures/harbour-docs", docs, { recursive: true });
});

/** The server with default INDEX_DIR (unset) and the given corpus; "" = the default, seeds. */
async function serve(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(
    { EMBEDDER: "wordvectors", CACHE_DIR: resolve(".cache"), INDEX_DIR: "", CORPUS_DIR: "", SITE_TITLE: "", WIDGET_GREETING: "", EXAMPLE_QUESTIONS: "", ...env },
    checkout,
  );
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill("SIGTERM");
  await server.exited;
}

const manifestOf = async (indexDir: string) => {
  const build = (await readFile(join(indexDir, "CURRENT"), "utf8")).trim();
  return JSON.parse(await readFile(join(indexDir, "builds", build, "manifest.json"), "utf8")) as { corpus: { dir: string }; paragraphs: number };
};

describe("serving your own folder, then the seeds", () => {
  it("gives each corpus its own index, and the landing page and widget name the corpus served", async () => {
    const own = await serve({ CORPUS_DIR: docs });
    try {
      const page = await (await fetch(`${own.base}/`)).text();
      expect(page).toContain("<h1>harbour-docs</h1>");
      expect(page).toMatch(/data-greeting="Ask me about harbour-docs\./);
      expect(page).not.toMatch(/OSA|Japan|Malaysia/);
      expect(await (await fetch(`${own.base}/health`)).json()).toMatchObject({ documents: 3 });
      expect(own.output()).toMatch(/Listening on .* — harbour-docs — /);
    } finally {
      await stop(own);
    }

    const seeds = await serve({});
    try {
      const page = await (await fetch(`${seeds.base}/`)).text();
      expect(page).toContain("<h1>seeds</h1>");
      expect(page).toMatch(/data-greeting="Ask me about seeds\./);
      expect(await (await fetch(`${seeds.base}/health`)).json()).toMatchObject({ documents: 5, paragraphs: 141 });
    } finally {
      await stop(seeds);
    }

    // Both indexes survive, each recording the corpus it was built from.
    expect((await manifestOf(join(checkout, "index"))).corpus.dir).toBe(join(checkout, "seeds"));
    const [ownIndex, ...others] = await readdir(join(checkout, "index", "corpora"));
    expect(others).toEqual([]);
    expect(ownIndex).toMatch(/^harbour-docs-[0-9a-f]{8}$/);
    expect((await manifestOf(join(checkout, "index", "corpora", ownIndex!))).corpus.dir).toBe(docs);

    // Served again, the folder's index is reused as it is: nothing was replaced in between.
    const again = await serve({ CORPUS_DIR: docs, SITE_TITLE: "Harbour", WIDGET_GREETING: "Ask Harbour's docs", EXAMPLE_QUESTIONS: "How do I read a query parameter?|What is Harbour?" });
    try {
      expect(again.output()).toMatch(/0 embedded/);
      const page = await (await fetch(`${again.base}/`)).text();
      expect(page).toContain("<h1>Harbour</h1>");
      expect(page).toContain(`data-greeting="Ask Harbour&#39;s docs"`);
      expect(page).toContain("“How do I read a query parameter?”");
      expect(again.output()).toContain(`'{"question":"How do I read a query parameter?"}'`);
    } finally {
      await stop(again);
    }
  }, 120_000);

  it("refuses to replace or serve an index built from another folder, saying what to run", async () => {
    const seedIndex = join(checkout, "index");
    const before = await readFile(join(seedIndex, "CURRENT"), "utf8");
    const refused = await serve({ CORPUS_DIR: docs, INDEX_DIR: seedIndex }).then(
      async (server) => {
        await stop(server);
        return "";
      },
      (err: Error) => err.message,
    );
    expect(refused).toContain(`${seedIndex} holds the index of ${join(checkout, "seeds")}, not of ${docs}`);
    expect(refused).toContain(`npm run ingest -- --dir ${docs} --index ${seedIndex} --replace`);
    expect(await readFile(join(seedIndex, "CURRENT"), "utf8")).toBe(before);
  }, 60_000);

  it("names a missing corpus folder as missing", async () => {
    const missing = join(checkout, "no-such-docs");
    const refused = await serve({ CORPUS_DIR: missing }).then(
      async (server) => {
        await stop(server);
        return "";
      },
      (err: Error) => err.message,
    );
    expect(refused).toContain(`The corpus folder ${missing} does not exist`);
  }, 60_000);

  // Last: it replaces the seeds' index of this checkout on purpose.
  it("after the seeds' index was replaced on purpose, names the command that rebuilds it, not advice that leads back", async () => {
    const seedIndex = join(checkout, "index");
    execFileSync(process.execPath, ["--import", "tsx", resolve("ingest/cli.ts"), "--dir", docs, "--index", "index", "--replace"], {
      cwd: checkout,
      env: { ...process.env, EMBEDDER: "wordvectors", CACHE_DIR: resolve(".cache"), INDEX_DIR: "", CORPUS_DIR: "" },
      stdio: "ignore",
    });
    const refused = await serve({}).then(
      async (server) => {
        await stop(server);
        return "";
      },
      (err: Error) => err.message,
    );
    const seeds = join(checkout, "seeds");
    expect(refused).toContain(`${seedIndex} holds the index of ${docs}, not of ${seeds}`);
    expect(refused).toContain(`npm run ingest -- --dir ${seeds} --index ${seedIndex} --replace`);
    // With INDEX_DIR already unset, leaving it unset only comes back here.
    expect(refused).not.toContain("leave INDEX_DIR unset");
  }, 120_000);
});
