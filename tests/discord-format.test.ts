import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS, REFUSAL_TEXT, discordMessages } from "../src/discord/format.js";
import type { Answer, Citation } from "../src/types.js";

/** An answer of `count` citations and about `length` characters, every citation cited. */
function makeAnswer(count: number, length: number, quoteLength: number, seed: number): Answer {
  const citations: Citation[] = Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    file: `folder/document-${seed}-${i}.txt`,
    paragraph: i + 1,
    line: i + 1,
    quote: `Quote ${i + 1} ${"word ".repeat(Math.ceil(quoteLength / 5))}`.slice(0, quoteLength).trim() || "q",
    score: 0.5,
  }));
  const sentences: string[] = [];
  const per = Math.max(10, Math.floor(length / count));
  for (let i = 0; i < count; i++) sentences.push(`${"Claim text ".repeat(Math.ceil(per / 11)).slice(0, per).trim()} [${i + 1}].`);
  return { answer: sentences.join(" "), abstained: false, citations, mode: "extractive" };
}

const embedText = (e: { title?: string; description?: string; fields?: { name: string; value: string }[] }) =>
  (e.title ?? "").length + (e.description ?? "").length + (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0);

describe("discordMessages for Discord", () => {
  it("keeps every message within Discord's limits and every cited source beside its marker", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 10, max: 20_000 }), fc.integer({ min: 1, max: 1500 }), fc.nat(), (count, length, quoteLength, seed) => {
        const answer = makeAnswer(count, length, quoteLength, seed);
        const messages = discordMessages(answer, { publicUrl: "https://answers.example.org", feedbackId: "abc" });
        const seen = new Set<number>();
        for (const m of messages) {
          expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
          expect(m.allowed_mentions).toEqual({ parse: [] });
          expect(m.embeds.reduce((s, e) => s + embedText(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
          for (const e of m.embeds) {
            expect((e.title ?? "").length).toBeLessThanOrEqual(LIMITS.title);
            expect((e.description ?? "").length).toBeLessThanOrEqual(LIMITS.description);
            expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
          }
          const description = m.embeds.map((e) => e.description ?? "").join("\n");
          for (const [, n] of m.content.matchAll(/\[(\d+)\]/g)) {
            const c = answer.citations[Number(n) - 1]!;
            expect(description).toContain(`[${n}] [${c.file} ¶${c.paragraph}]`);
            seen.add(Number(n));
          }
        }
        expect(seen.size).toBe(count);
        // No text lost, no marker split: the messages read back as the answer.
        expect(messages.map((m) => m.content).join(" ").replace(/\s+/g, " ")).toBe(answer.answer.replace(/\s+/g, " "));
        expect(messages.at(-1)!.components[0]!.components.map((b) => ("custom_id" in b ? b.custom_id : ""))).toEqual(["feedback:up:abc", "feedback:down:abc"]);
      }),
      { numRuns: 150 },
    );
  });

  it("puts a cited code block in a ``` block of its own, whole", () => {
    const code = "app.get('/search', (request, reply) => {\n  const { q } = request.query\n\n  return find(q)\n})";
    const answer: Answer = {
      answer: `To read a query parameter, use request.query [1].\n\n\`\`\`js\n${code}\n\`\`\`\n[2]`,
      abstained: false,
      mode: "extractive",
      citations: [
        { n: 1, file: "Reference/Request.md", paragraph: 4, line: 9, quote: "To read a query parameter, use request.query", score: 0.9 },
        { n: 2, file: "Reference/Request.md", paragraph: 5, line: 11, quote: code, score: 0.8, kind: "code", language: "js" },
      ],
    };
    const [m, ...rest] = discordMessages(answer);
    expect(rest).toEqual([]);
    expect(m!.content).toBe(`To read a query parameter, use request.query [1].\n\`\`\`js\n${code}\n\`\`\`\n[2]`);
    expect(m!.embeds[0]!.description).toContain("[2] Reference/Request.md ¶5 — code (js)");
  });

  it("splits a code block too long for one message into fenced blocks, between lines", () => {
    const code = Array.from({ length: 120 }, (_, i) => `const value${i} = compute(${i}) // line ${i} of a long example`).join("\n");
    const answer: Answer = {
      answer: `\`\`\`ts\n${code}\n\`\`\`\n[1]`,
      abstained: false,
      mode: "extractive",
      citations: [{ n: 1, file: "a.md", paragraph: 1, line: 1, quote: code, score: 0.8, kind: "code", language: "ts" }],
    };
    const messages = discordMessages(answer);
    expect(messages.length).toBeGreaterThan(1);
    const shown: string[] = [];
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(LIMITS.content);
      const blocks = [...m.content.matchAll(/```ts\n([\s\S]*?)\n```/g)];
      expect(blocks.length).toBeGreaterThan(0);
      expect(m.content.split("```").length % 2).toBe(1); // fences balanced
      shown.push(...blocks.map((b) => b[1]!));
    }
    expect(shown.join("\n")).toBe(code);
    expect(messages.at(-1)!.content.endsWith("```\n[1]")).toBe(true);
  });

  it("links each source to its highlighted paragraph when PUBLIC_URL is set", () => {
    const [m] = discordMessages(makeAnswer(1, 50, 40, 1), { publicUrl: "https://answers.example.org/" });
    expect(m!.embeds[0]!.description).toContain("(https://answers.example.org/sources/folder%2Fdocument-1-0.txt?p=1#p1)");
  });

  it("reads a refusal kindly, suggests rephrasing and shows no sources", () => {
    const messages = discordMessages({ answer: "The documents don't say.", abstained: true, citations: [], mode: "extractive" });
    expect(messages).toEqual([{ content: REFUSAL_TEXT, embeds: [], components: [], allowed_mentions: { parse: [] } }]);
    expect(REFUSAL_TEXT).toMatch(/rephras/i);
  });
});
