import { describe, expect, it } from "vitest";
import { citedSentence } from "../src/answer/compose.js";
import { parseReplyLine } from "../src/answer/llm/reply-format.js";
import { readsAsPassage } from "../src/answer/related.js";
import { answerProblems, answerSentences, paragraphLookup } from "../src/answer/verify.js";
import { contentTerms, tokenize } from "../src/text/terms.js";
import { paragraphKind } from "../src/text/paragraph-kind.js";
import { serviceOverFiles } from "./support/folder-service.js";

const CHINESE = ["长城", "长城是中国古代的军事防御工程。", "故宫始建于明朝永乐四年，是世界上现存规模最大的木质结构古建筑群。"];
const JAPANESE = ["富士山", "富士山は日本で一番高い山です。", "新幹線は一九六四年に開業しました！"];

describe("plain text in scripts written without spaces", () => {
  it("tells a sentence, which ends in its own full stop, from a title", () => {
    expect([...CHINESE, ...JAPANESE].map(paragraphKind)).toEqual(["heading", "prose", "prose", "heading", "prose", "prose"]);
  });

  it("counts its words, so a sentence can be shown as a closest passage beside a refusal", () => {
    expect(readsAsPassage({ text: CHINESE[1]!, kind: "prose" })).toBe(true);
    expect(readsAsPassage({ text: JAPANESE[1]!, kind: "prose" })).toBe(true);
    expect(readsAsPassage({ text: "长城", kind: "prose" })).toBe(false);
  });

  it("is answered from: a sentence asked word for word is found and cited", async () => {
    const service = await serviceOverFiles("unspaced", { "zh.txt": `${CHINESE.join("\n\n")}\n`, "ja.txt": `${JAPANESE.join("\n\n")}\n` });
    const answer = await service.answer("长城是中国古代的军事防御工程");
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]).toMatchObject({ file: "zh.txt", paragraph: 2 });
  });
});

describe("words of every script", () => {
  it("cuts Chinese, Japanese and Thai into words, not one token a clause, and drops their function words", () => {
    expect(contentTerms("富士山は標高3776メートルで、日本で一番高い山です。")).toEqual(["富士山", "標高", "3776", "メートル", "日本", "一番", "高い", "山"]);
    expect(contentTerms("长城是中国古代的军事防御工程。")).toEqual(["长城", "中国", "古代", "军事", "防御", "工程"]);
    expect(tokenize("แม่น้ำเจ้าพระยาไหลผ่านกรุงเทพมหานคร").length).toBeGreaterThan(2);
  });

  it("keeps a word's combining marks, reads İ as i, and a keycap emoji as its digit", () => {
    expect(tokenize("हिन्दी भाषा")).toEqual(["हिन्दी", "भाषा"]);
    expect(tokenize("İstanbul İZMİR")).toEqual(["istanbul", "izmir"]);
    expect(tokenize("1️⃣ Install ⚠️")).toEqual(["1", "install"]);
    expect(tokenize("Japan's 2,000 yen, 18.1 billion")).toEqual(["japan", "2000", "yen", "18.1", "billion"]);
    // Glued to Japanese, a number or a Latin word is read as it would be alone.
    expect(tokenize("GDPは4,000億ドル")).toEqual(["gdp", "は", "4000", "億", "ドル"]);
    expect(tokenize("Japan's防衛省")).toEqual(["japan", "防衛", "省"]);
  });

  it("answers a Japanese or Chinese question put in other words than the document's, and refuses what it does not cover", async () => {
    const service = await serviceOverFiles("unspaced-words", {
      "ja.txt": `${["鉄道", "新幹線は1964年に東京と大阪の間で開業しました。", "京都には千以上の寺があり、毎年多くの観光客が訪れます。"].join("\n\n")}\n`,
      "zh.txt": `${CHINESE.join("\n\n")}\n`,
    });
    const opened = await service.answer("新幹線はいつ開業しましたか？");
    expect(opened.citations[0]).toMatchObject({ file: "ja.txt", paragraph: 2 });
    expect(opened.answer).toBe("新幹線は1964年に東京と大阪の間で開業しました [1]。");
    expect(answerProblems(opened, paragraphLookup((file) => service.document(file)))).toEqual([]);
    expect((await service.answer("故宫是什么时候建的？")).citations[0]).toMatchObject({ file: "zh.txt", paragraph: 3 });
    expect(await service.answer("ニューヨークの人口は？")).toMatchObject({ abstained: true, citations: [] });
  });
});

describe("answers in Chinese and Japanese", () => {
  it("set the marker before the sentence's own full stop, and the checker reads it as closing the sentence", () => {
    expect(citedSentence("新幹線は開業しました。", 1)).toBe("新幹線は開業しました [1]。");
    expect(citedSentence("故宫始建于明朝", 2)).toBe("故宫始建于明朝 [2]。");
    expect(citedSentence("Japan funds a vessel", 1)).toBe("Japan funds a vessel [1].");
    expect(citedSentence("The ministry is called 防衛省 in Japanese", 1)).toBe("The ministry is called 防衛省 in Japanese [1].");
    expect(citedSentence("The ministry is called 防衛省", 1)).toBe("The ministry is called 防衛省 [1].");
    const answer = { answer: "新幹線は開業しました [1]。", abstained: false, citations: [{ n: 1, file: "a.txt", paragraph: 1, quote: "新幹線は開業しました" }] };
    expect(answerProblems(answer as never, () => "新幹線は開業しました。")).toEqual([]);
    // Whatever closes a sentence after its marker (both stops of "！？", a closing 」 or ”, "…")
    // stays with it: left over, it began the next sentence, or at the end was a sentence without
    // a citation, and the answer was withheld.
    for (const sentence of ["彼は「はい。」", "本当ですか！？", "It was cheap…", "He said “yes.”"]) {
      const [first, last] = [citedSentence(sentence, 1), citedSentence(sentence, 2)];
      const cited = { answer: `${first} ${last}`, abstained: false, citations: [1, 2].map((n) => ({ n, file: "a.txt", paragraph: 1, quote: sentence.slice(0, 2) })) };
      expect(answerSentences(cited.answer)).toEqual([first, last]);
      expect(answerProblems(cited as never, () => sentence)).toEqual([]);
    }
  });

  it("take a language model's Japanese sentence as it ends, with no full stop added", () => {
    expect(parseReplyLine('新幹線は1964年に開業しました。[1: "1964年に東京と大阪の間で開業"]')).toMatchObject({ kind: "sentence", text: "新幹線は1964年に開業しました。" });
  });
});
