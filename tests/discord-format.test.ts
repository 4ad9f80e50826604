import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS, REFUSAL_TEXT, formatAnswer } from "../src/discord/format.js";
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
  return { answer: sentences.join(" "), abstained: false, citations };
}

const embedText = (e: { title?: string; description?: string; fields?: { name: string; value: string }[] }) =>
  (e.title ?? "").length + (e.description ?? "").length + (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0);

describe("formatAnswer for Discord", () => {
  it("keeps every message within Discord's limits and every cited source beside its marker", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 10, max: 20_000 }), fc.integer({ min: 1, max: 1500 }), fc.nat(), (count, length, quoteLength, seed) => {
        const answer = makeAnswer(count, length, quoteLength, seed);
        const messages = formatAnswer(answer, { publicUrl: "https://answers.example.org", feedbackId: "abc" });
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

  it("links each source to its highlighted paragraph when PUBLIC_URL is set", () => {
    const [m] = formatAnswer(makeAnswer(1, 50, 40, 1), { publicUrl: "https://answers.example.org/" });
    expect(m!.embeds[0]!.description).toContain("(https://answers.example.org/sources/folder%2Fdocument-1-0.txt?p=1#p1)");
  });

  it("reads a refusal kindly, suggests rephrasing and shows no sources", () => {
    const messages = formatAnswer({ answer: "The documents don't say.", abstained: true, citations: [] });
    expect(messages).toEqual([{ content: REFUSAL_TEXT, embeds: [], components: [], allowed_mentions: { parse: [] } }]);
    expect(REFUSAL_TEXT).toMatch(/rephras/i);
  });
});
