import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFeedbackStore } from "../src/feedback/store.js";
import { startServer } from "./support/http-server.js";
import { CANONICAL, CANONICAL_FILE, seedService } from "./support/seed-index.js";
import { tempDir } from "./support/temp.js";

/** A store whose folder cannot be made, as long as a file stands where the folder should be. */
async function blockedStore(): Promise<{ store: FileFeedbackStore; unblock: () => Promise<void> }> {
  const blocker = join(await tempDir("feedback-blocked"), "votes");
  await writeFile(blocker, "a file where the store's folder should be");
  return { store: new FileFeedbackStore(join(blocker, "feedback.jsonl")), unblock: () => rm(blocker) };
}

const record = { question: "q", answer: "a [1].", citations: [] };

describe("a feedback store that fails to write", () => {
  it("fails that write only: once the folder can be made, the next answer and vote are kept", async () => {
    const { store, unblock } = await blockedStore();
    await expect(store.recordAnswer({ id: "first", ...record })).rejects.toThrow();
    await unblock();
    await store.recordAnswer({ id: "second", ...record });
    expect(await store.recordVote("second", "up", "someone")).toBe(true);
    expect(await store.summary()).toEqual({ answers: 1, votes: 1, up: 1, down: 0 });
  });

  it("costs a streamed answer its vote id, never the answer", async () => {
    const { store } = await blockedStore();
    const api = await startServer(await seedService(), { feedback: store });
    const response = await fetch(`${api}/ask/stream`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: CANONICAL }) });
    const events = await response.text();
    expect(events).not.toContain("event: error");
    const done = JSON.parse(events.match(/event: done\ndata: (.*)/)![1]!) as { id?: string; abstained: boolean; citations: { file: string }[] };
    expect(done.abstained).toBe(false);
    expect(done.citations.map((c) => c.file)).toContain(CANONICAL_FILE);
    expect(done.id).toBeUndefined();
  });
});
