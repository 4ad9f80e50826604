import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { startServer } from "./support/http-server.js";
import { CANONICAL, seedService } from "./support/seed-index.js";

/**
 * The README's `POST /ask` example is what the service answers the canonical question, over real
 * HTTP on the seeds: the answer begins as shown and the citations shown are its first ones. (It
 * had drifted once: the example showed an answer the model no longer gave.) `…` marks what the
 * example leaves out.
 */
const readme = readFileSync("README.md", "utf8");
const example = readme.split(`-d '{"question": "${CANONICAL}"}'`)[1]?.match(/```json\n([\s\S]*?)\n```/)?.[1] ?? "";
const shown = JSON.parse(example.replace(/^\s*…,?\n/gm, "").replace(/,(\s*\])/g, "$1")) as {
  answer: string;
  abstained: boolean;
  citations: object[];
  mode: string;
};

it("answers the README's /ask example as the README shows it", async () => {
  expect(shown.citations.length).toBeGreaterThan(0);
  const base = await startServer(await seedService());
  const response = await fetch(`${base}/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: CANONICAL }),
  });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as typeof shown;
  expect(answer.answer.startsWith(shown.answer.replace(/ …$/, ""))).toBe(true);
  expect(answer.citations.slice(0, shown.citations.length)).toMatchObject(shown.citations);
  expect({ abstained: answer.abstained, mode: answer.mode }).toEqual({ abstained: shown.abstained, mode: shown.mode });
});
