import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIN_PASSAGE_WORDS, readsAsPassage } from "../src/answer/related.js";
import { answerText } from "../src/cli/answer-text.js";
import { serviceOverFiles } from "./support/folder-service.js";
import { seedService } from "./support/seed-index.js";

describe("closest passages on a refusal", () => {
  it("tells labels from passages", () => {
    expect(readsAsPassage({ text: "Time", kind: "heading" })).toBe(false);
    expect(readsAsPassage({ text: "Usage:", kind: "prose" })).toBe(false);
    expect(readsAsPassage({ text: "npm 8.5.0", kind: "list-item" })).toBe(false);
    expect(readsAsPassage({ text: "|---|---|", kind: "table-rule" })).toBe(false);
    expect(readsAsPassage({ text: "Japan’s Strategic Evolution of Its Defence Posture", kind: "heading" })).toBe(false);
    expect(readsAsPassage({ text: "Plugins are encapsulated.", kind: "prose" })).toBe(true);
    expect(readsAsPassage({ text: "| port | 3000 | where the server listens |", kind: "table-row" })).toBe(true);
    expect(MIN_PASSAGE_WORDS).toBe(3);
  });

  // Retrieval brings labels (headings such as the seeds' one-word "Time") among what it finds for these.
  // ("What time is it?" was the first; model v14 answered it, v15 — trained on off-topic questions — refuses it again.)
  it.each(["What time does the match start?", "Who won the World Cup?"])("leaves labels out of the closest passages for %s", async (question) => {
    const service = await seedService();
    const labels = (await service.retrieve(question)).filter((p) => !readsAsPassage(p));
    expect(labels.length).toBeGreaterThan(0);
    const answer = await service.answer(question);
    expect(answer.abstained).toBe(true);
    expect(answer.related).toHaveLength(3);
    for (const r of answer.related!) {
      expect(labels.map((l) => l.text)).not.toContain(r.text);
      expect(r.text.split(/\s+/).length).toBeGreaterThanOrEqual(MIN_PASSAGE_WORDS);
    }
    for (const label of labels) expect(answerText(answer)).not.toContain(`“${label.text}”`);
  });

  it("shows a text once, though the folder holds it in several files", async () => {
    const seeds = Object.fromEntries(readdirSync("seeds").map((f) => [f, readFileSync(join("seeds", f))]));
    const copies = Object.fromEntries(["a", "b"].flatMap((copy) => Object.entries(seeds).map(([f, bytes]) => [`${copy}/${f}`, bytes])));
    const service = await serviceOverFiles("copied-docs", copies);
    const answer = await service.answer("Who won the World Cup?");
    expect(answer.abstained).toBe(true);
    const texts = answer.related!.map((r) => r.text);
    expect(texts).toHaveLength(3);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
