import { beforeAll, describe, expect, it } from "vitest";
import { startServer } from "./support/http-server.js";
import { seedService } from "./support/seed-index.js";

/**
 * A question of nothing a reader can see — zero-width spaces, a soft hyphen, a byte-order mark,
 * joiners, direction marks, control characters, as a paste can carry — is as empty as one of
 * spaces: a 400 that says so, not a refusal listing arbitrary passages as "the closest".
 */
let base: string;

beforeAll(async () => {
  base = await startServer(await seedService(), { ratePerMinute: 1000 });
});

const ask = (body: unknown) => fetch(`${base}/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("a question with nothing visible in it", () => {
  it("is refused as empty, as a question of spaces is", async () => {
    for (const question of [" ", "\u200b\u200b", "\u00ad", "\u200d\u200e\u2060", "\u0000\u0001", " \u200b\n\u00a0"]) {
      const response = await ask({ question });
      expect(response.status, JSON.stringify(question)).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "question must not be empty" } });
    }
  });

  it("is refused as an earlier turn's question too", async () => {
    const response = await ask({ question: "How much does it cost?", history: [{ question: "\u200b", answer: "" }] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("history[0].question must not be empty");
  });

  it("leaves a question with visible text among invisible characters alone", async () => {
    for (const question of ["\u200bOSA\u200b Malaysia", "\u0000 OSA", "???", "😀"]) {
      const response = await ask({ question });
      expect(response.status, JSON.stringify(question)).toBe(200);
    }
  });
});
