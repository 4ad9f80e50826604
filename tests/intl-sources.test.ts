import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CONTEXT_CHARS, contextAround } from "../src/http/answer-sources.js";
import { serviceOverFiles } from "./support/folder-service.js";
import { startServer } from "./support/http-server.js";

/**
 * The sources under a streamed answer show the rest of each cited paragraph. Counted as words
 * only where they held an ASCII letter and split only at spaces, a Russian or Arabic paragraph's
 * rest counted as no words and a Chinese one's as one: their context was always empty.
 */
const RUSSIAN =
  "Озеро Байкал расположено в Сибири. Его глубина составляет 1642 метра, это самое глубокое озеро на планете. В озере живёт байкальская нерпа, которая больше нигде не встречается. Зимой лёд на Байкале бывает толщиной более метра.";
const CHINESE = "长城的历史很长。长城在明朝时期得到了大规模的重建和加固。今天的长城是世界著名的旅游景点，每年吸引数百万游客。";
const DOCUMENT = `# Байкал\n\n${RUSSIAN}\n\n# 长城\n\n${CHINESE}\n`;

/** A paragraph past the source page's 20,000 shown characters, an emoji astride the cut. */
const LONG_EMOJI_LINE = `a${"😀".repeat(12_500)}`;

let base: string;

beforeAll(async () => {
  const service = await serviceOverFiles("intl-sources", { "doc.md": DOCUMENT, "emoji.txt": `${LONG_EMOJI_LINE}\n` });
  base = await startServer(service, { ratePerMinute: 1000 });
});

interface Source {
  paragraph: number;
  context: string;
}

async function streamedSources(question: string): Promise<{ quotes: string[]; sources: Source[] }> {
  const response = await fetch(`${base}/ask/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
  const text = await response.text();
  const block = text.split("\n\n").find((b) => b.startsWith("event: citations"));
  expect(block, text).toBeDefined();
  const data = JSON.parse(block!.split("\n").find((l) => l.startsWith("data: "))!.slice(6)) as { citations: { quote: string }[]; sources: Source[] };
  return { quotes: data.citations.map((c) => c.quote), sources: data.sources };
}

/** The context is the paragraph's unquoted text: present, each piece from the paragraph, no quote in it. */
function expectContextOf(paragraph: string, quotes: string[], context: string) {
  const pieces = context.split("…").map((p) => p.trim()).filter(Boolean);
  expect(pieces.length).toBeGreaterThan(0);
  for (const piece of pieces) expect(paragraph).toContain(piece);
  for (const quote of quotes) expect(context).not.toContain(quote);
}

describe("the context of a cited paragraph in another script", () => {
  it("is shown for a Russian paragraph", async () => {
    const { quotes, sources } = await streamedSources("Какова глубина озера Байкал?");
    expect(quotes.join(" ")).toContain("1642 метра");
    expectContextOf(RUSSIAN, quotes, sources[0]!.context);
  });

  it("is shown for a Chinese paragraph", async () => {
    const { quotes, sources } = await streamedSources("长城的历史很长");
    expect(quotes).toContain("长城的历史很长。");
    expectContextOf(CHINESE, quotes, sources[0]!.context);
  });

  it("is cut between characters, never inside an emoji or a letter and its accent", () => {
    // No space to cut at: the cut falls at MAX_CONTEXT_CHARS / 2 or MAX_CONTEXT_CHARS code units.
    const starts = (shift: number) => ["长".repeat(40 + shift), "ไทย".repeat(40 + shift), `one two three four ${"x".repeat(shift)}`];
    for (let shift = 0; shift < 4; shift++) {
      for (const start of starts(shift)) {
        const text = `${start}${"😀e\u0301".repeat(200)}`;
        const cut = contextAround(text, []);
        expect(cut.length).toBeLessThanOrEqual(MAX_CONTEXT_CHARS + 2);
        expect(cut.endsWith(" …")).toBe(true);
        const shown = cut.slice(0, -2);
        expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(shown)).toBe(false); // no half of an emoji
        expect(text.startsWith(shown)).toBe(true);
        expect(text[shown.length]).not.toBe("\u0301"); // an "e" whose accent was cut off
      }
    }
  });
});

describe("a paragraph longer than the source page shows", () => {
  it("is cut between emoji, never inside one", async () => {
    const page = await (await fetch(`${base}/sources/emoji.txt?p=1`)).text();
    expect(page).toContain("more characters");
    expect(page).not.toContain("\uFFFD");
    const shown = /<p class="[^"]*"[^>]*>(a😀+)<\/p>/u.exec(page)?.[1] ?? "";
    const more = Number(/… (\d+) more characters/.exec(page)?.[1]);
    expect(shown.length).toBeGreaterThan(19_990);
    expect(shown.length + more).toBe(LONG_EMOJI_LINE.length);
  });
});
