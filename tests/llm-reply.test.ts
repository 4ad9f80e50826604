import { describe, expect, it } from "vitest";
import { llmConfigFrom } from "../src/answer/llm/config.js";
import { sourceTextOfQuote } from "../src/answer/llm/quote-match.js";
import { LineSplitter, parseReplyLine } from "../src/answer/llm/reply-format.js";

describe("the reply format", () => {
  it("reads a sentence and its markers, straight or curly quoted", () => {
    expect(parseReplyLine(`It costs 3.1 billion yen. [2: "A 3.1 billion yen vessel"] [4: “for Malaysia”]`)).toEqual({
      kind: "sentence",
      text: "It costs 3.1 billion yen.",
      citations: [
        { source: 2, quote: "A 3.1 billion yen vessel" },
        { source: 4, quote: "for Malaysia" },
      ],
    });
  });

  it("keeps a quote's own quotation marks, and moves punctuation after the markers into the sentence", () => {
    expect(parseReplyLine(`- He called it "modest" [1: "an "exceptionally modest" sum"].`)).toEqual({
      kind: "sentence",
      text: `He called it "modest".`,
      citations: [{ source: 1, quote: `an "exceptionally modest" sum` }],
    });
  });

  it.each([
    ["no marker", "OSA funds a vessel for Malaysia."],
    ["text after the markers", `OSA funds a vessel [1: "a vessel for Malaysia"] and more.`],
    ["a marker without a quote", "OSA funds a vessel [1]."],
    ["only a marker", `[1: "a vessel for Malaysia"]`],
  ])("rejects %s", (_why, line) => expect(parseReplyLine(line)?.kind).toBe("unparseable"));

  it("recognises the model's line for an answer the sources don't hold, and skips blank lines", () => {
    expect(parseReplyLine("NOT IN SOURCES.")).toEqual({ kind: "not-covered" });
    expect(parseReplyLine("   ")).toBeNull();
  });

  it("cuts streamed text into whole lines as each one ends", () => {
    const splitter = new LineSplitter();
    expect(splitter.push("First li")).toEqual([]);
    expect(splitter.push("ne.\r\nSecond")).toEqual(["First line."]);
    expect(splitter.push(" line.\nThi")).toEqual(["Second line."]);
    expect(splitter.end()).toEqual(["Thi"]);
  });
});

describe("quotes checked against their paragraph", () => {
  const paragraph = "Japan’s OSA budget — 18.1 billion yen —\nmore than doubled the “previous level”.";

  it("forgives only quote marks, dashes and whitespace, and returns the paragraph's own text", () => {
    expect(sourceTextOfQuote(`Japan's OSA budget - 18.1 billion yen - more than doubled`, paragraph)).toBe("Japan’s OSA budget — 18.1 billion yen —\nmore than doubled");
    expect(sourceTextOfQuote(`doubled the "previous level"`, paragraph)).toBe("doubled the “previous level”");
  });

  it.each([
    ["a changed word", "Japan's OSA budget - 18.2 billion yen"],
    ["another case", "japan's osa budget"],
    ["an elision", "Japan's OSA budget ... more than doubled"],
    ["too short to check anything", "billion yen"],
    ["empty", "  "],
  ])("refuses %s", (_why, quote) => expect(sourceTextOfQuote(quote, paragraph)).toBeUndefined());

  it("accepts a short paragraph quoted whole", () => expect(sourceTextOfQuote("Malaysia", "Malaysia")).toBe("Malaysia"));
});

describe("LLM configuration", () => {
  it("is off unless LLM_BASE_URL is set, and complete when it is", () => {
    expect(llmConfigFrom({})).toBeUndefined();
    expect(llmConfigFrom({ LLM_BASE_URL: "http://localhost:11434/v1/", LLM_MODEL: "qwen2.5:3b" })).toEqual({
      baseUrl: "http://localhost:11434/v1",
      model: "qwen2.5:3b",
      apiKey: undefined,
      timeoutMs: 10_000,
      maxTokens: 512,
    });
    expect(() => llmConfigFrom({ LLM_BASE_URL: "http://localhost:8080/v1" })).toThrow(/LLM_MODEL/);
    expect(() => llmConfigFrom({ LLM_MODEL: "x" })).toThrow(/LLM_BASE_URL/);
    expect(() => llmConfigFrom({ LLM_BASE_URL: "localhost", LLM_MODEL: "x" })).toThrow(/LLM_BASE_URL/);
    expect(() => llmConfigFrom({ LLM_BASE_URL: "http://h/v1", LLM_MODEL: "x", LLM_TIMEOUT_MS: "soon", LLM_API_KEY: "sk-secret" })).toThrow(/^(?!.*sk-secret).*LLM_TIMEOUT_MS/);
  });
});
