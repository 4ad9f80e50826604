import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { citedSentence } from "../src/answer/compose.js";
import { answerProblems, paragraphLookup } from "../src/answer/verify.js";
import { serviceOverFiles } from "./support/folder-service.js";

// A hard-wrapped plain-text howto (tab-indented, as util-linux's docs are): a sentence of it spans
// lines, and its quote keeps the line breaks and tabs it has in the file.
const FIXTURE = "tests/fixtures/hard-wrapped/static-build.txt";

describe("an answer sentence drawn from hard-wrapped text", () => {
  it("reads as one line: its line breaks and indentation are spaces, its quote stays verbatim", async () => {
    const service = await serviceOverFiles("hard-wrapped", { "static-build.txt": await readFile(FIXTURE) });
    const answer = await service.answer("How do I get statically linked programs?");
    expect(answer.abstained).toBe(false);
    const cited = answer.citations.find((c) => c.quote.includes("--enable-static-programs"));
    expect(cited?.quote).toContain("\n\t"); // the quote is the file's text…
    expect(answer.answer).not.toMatch(/[\n\t]/); // …the sentence shown is not broken where the file wrapped
    expect(answer.answer).toContain("Use the --enable-static-programs option when you want statically linked copies");
    expect(answerProblems(answer, paragraphLookup((file) => service.document(file)))).toEqual([]);
  });

  it("joins wrapped Chinese or Japanese without a space, which those scripts don't put between words", () => {
    expect(citedSentence("新幹線は一九六四年に\n開業しました。", 1)).toBe("新幹線は一九六四年に開業しました [1]。");
    expect(citedSentence("Static programs still load\n\tname service modules", 2)).toBe("Static programs still load name service modules [2].");
  });
});
