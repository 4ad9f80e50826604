import { describe, expect, it } from "vitest";
import { learnLexicon, lexiconFrom } from "../src/retrieval/lexicon.js";
import { analyzeQuestion } from "../src/retrieval/question.js";

// A corpus's own words teach typo repair; these sentences are its whole vocabulary.
const lexicon = lexiconFrom(
  learnLexicon([
    "Japan's Official Security Assistance (OSA) funds coastal radars in Malaysia and the Philippines.",
    "A quick start guide: announce the plugin, then register it quickly.",
  ]),
);
const terms = (question: string) => analyzeQuestion(question, lexicon).concepts.map((c) => c.word);

describe("analyzeQuestion: typo repair against the corpus's words", () => {
  it("repairs a misspelt word, capitalised or not, to the corpus word one edit away", () => {
    expect(terms("What does OSA fund in Malaysai?")).toContain("malaysia");
    expect(terms("When did they anounce it?")).toContain("announce");
  });

  it("keeps an acronym the corpus lacks as asked instead of 'repairing' it into a word", () => {
    // "quic" is one edit from the corpus's "quick"; written in capitals it is a name, not a typo.
    expect(terms("Does the server support QUIC?")).toContain("quic");
    expect(terms("Does the server support QUIC?")).not.toContain("quick");
    // The same letters in lower case are read as the typo they look like.
    expect(terms("is there a quic start?")).toContain("quick");
  });

  it("expands an acronym the corpus spells out", () => {
    const osa = analyzeQuestion("What does OSA fund?", lexicon).concepts.find((c) => c.word === "osa");
    expect(osa?.alternatives).toEqual([["offici", "secur", "assist"]]);
  });
});
