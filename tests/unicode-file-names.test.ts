import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../ingest/build-index.js";
import { loadConfig } from "../src/config.js";
import { loadWordVectorEmbedder } from "../src/embeddings/embedder.js";
import { openService } from "../src/open-service.js";
import { startServer } from "./support/http-server.js";
import { tempDir } from "./support/temp.js";

/**
 * A folder copied from a Mac keeps its file names decomposed (NFD: "e" + U+0301). A link to its
 * source page typed, pasted or passed through a chat app usually arrives composed (NFC: "é"),
 * which looks the same and named no document: 404.
 */
const DECOMPOSED = "Café menu.txt".normalize("NFD");
const COMPOSED = DECOMPOSED.normalize("NFC");
const TWINS = ["Résumé.txt".normalize("NFC"), "Résumé.txt".normalize("NFD")];

let base: string;

beforeAll(async () => {
  const work = await tempDir("unicode-names");
  const corpus = join(work, "corpus");
  await mkdir(join(corpus, "Über".normalize("NFD")), { recursive: true });
  await writeFile(join(corpus, DECOMPOSED), "The Montmartre bakery sells baguettes every morning at seven.\n");
  await writeFile(join(corpus, "Über".normalize("NFD"), "notes.txt"), "The glacier retreated eight hundred metres since 1990.\n");
  // Two files whose names differ only in form: each is reached by its own name, neither by the other's.
  await writeFile(join(corpus, TWINS[0]!), "The composed twin holds the first fact.\n");
  await writeFile(join(corpus, TWINS[1]!), "The decomposed twin holds the second fact.\n");
  const config = loadConfig({ INDEX_DIR: join(work, "index"), EMBEDDER: "wordvectors" });
  await buildIndex({ corpusDir: corpus, indexDir: config.indexDir, embedder: await loadWordVectorEmbedder(config) });
  base = await startServer(await openService(config), { ratePerMinute: 1000 });
});

const get = (path: string) => fetch(`${base}${path}`);
const url = (name: string) => name.split("/").map(encodeURIComponent).join("/");

describe("a document whose file name is in decomposed Unicode", () => {
  it("opens by its name composed, as by its name as stored", async () => {
    for (const name of [DECOMPOSED, COMPOSED]) {
      const page = await get(`/sources/${url(name)}?p=1`);
      expect(page.status, name).toBe(200);
      expect(await page.text()).toContain("The Montmartre bakery sells baguettes");
      const paragraph = await get(`/sources/${url(name)}/1`);
      expect(paragraph.status).toBe(200);
      expect(((await paragraph.json()) as { file: string }).file).toBe(DECOMPOSED);
    }
  });

  it("opens when its folder's name is the decomposed one", async () => {
    const page = await get(`/sources/${url("Über/notes.txt".normalize("NFC"))}/1`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { text: string }).text).toContain("glacier");
  });

  it("leaves two documents whose names differ only in form each to its own name", async () => {
    for (const [i, name] of TWINS.entries()) {
      const page = await get(`/sources/${url(name)}/1`);
      expect(((await page.json()) as { text: string }).text).toContain(i === 0 ? "first fact" : "second fact");
    }
  });
});
