import { describe, expect, it } from "vitest";
import { readsAsPassage } from "../src/answer/related.js";
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
