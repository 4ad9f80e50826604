import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./support/http-server.js";
import { seedService } from "./support/seed-index.js";

/** Every question of the seeds' sets: the evaluation questions, the held-out ones and the dev set. */
const QUESTIONS = ["tests/questions.json", "tests/holdout.json", "datasets/seeds/dev.json"].flatMap((file) =>
  (JSON.parse(readFileSync(file, "utf8")) as { question: string }[]).map((q) => q.question),
);

let base: string;

beforeAll(async () => {
  base = await startServer(await seedService(), { ratePerMinute: 100_000 });
});

const post = (path: string, question: string) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });

/** The `answer` deltas of an /ask/stream response, and the answer its `done` event carries. */
async function streamed(question: string): Promise<{ deltas: string[]; done: string }> {
  const text = await (await post("/ask/stream", question)).text();
  const deltas: string[] = [];
  let done = "";
  for (const block of text.split("\n\n")) {
    const event = block.match(/^event: (.+)$/m)?.[1];
    const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, "")).join("\n");
    if (event === "answer") deltas.push((JSON.parse(data) as { delta: string }).delta);
    if (event === "done") done = (JSON.parse(data) as { answer: string }).answer;
  }
  return { deltas, done };
}

describe("the streamed answer", () => {
  it(`is exactly /ask's answer, delta by delta, for all ${QUESTIONS.length} seeds questions`, async () => {
    expect(QUESTIONS.length).toBeGreaterThan(40);
    const differing: string[] = [];
    for (const question of QUESTIONS) {
      const { answer } = (await (await post("/ask", question)).json()) as { answer: string };
      const { deltas, done } = await streamed(question);
      expect(deltas.length).toBeGreaterThan(0);
      if (deltas.join("") !== answer || done !== answer) differing.push(`${question}\n  ask:    ${JSON.stringify(answer)}\n  stream: ${JSON.stringify(deltas.join(""))}`);
    }
    expect(differing).toEqual([]);
  });
});
