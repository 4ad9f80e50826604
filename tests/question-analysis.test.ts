import { describe, expect, it } from "vitest";
import { learnLexicon, lexiconFrom } from "../src/retrieval/lexicon.js";
import { analyzeQuestion } from "../src/retrieval/question.js";

// A corpus's own words teach typo repair; these sentences are its whole vocabulary.
const lexicon = lexiconFrom(
  learnLexicon([
    "Japan's Official Security Assistance (OSA) funds coastal radars in Malaysia and the Philippines.",
    "Announce the plugin, then register it.",
  ]),
);
const terms = (question: string) => analyzeQuestion(question, lexicon).concepts.map((c) => c.word);

describe("analyzeQuestion: typo repair against the corpus's words", () => {
  it("repairs a misspelt word, capitalised or not, to the corpus word one edit away", () => {
    expect(terms("What does OSA fund in Malaysai?")).toContain("malaysia");
    expect(terms("When did they anounce it?")).toContain("announce");
  });

  it("expands an acronym the corpus spells out", () => {
    const osa = analyzeQuestion("What does OSA fund?", lexicon).concepts.find((c) => c.word === "osa");
    expect(osa?.alternatives).toEqual([["offici", "secur", "assist"]]);
  });
});
