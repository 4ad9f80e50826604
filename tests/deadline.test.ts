import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { withDeadline } from "../src/http/deadline.js";

/** Work that holds the event loop for `ms`, as answering does between its yields. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("the answer deadline (ANSWER_TIMEOUT_MS)", () => {
  it("passes an answer that comes in time", async () => {
    await expect(withDeadline(Promise.resolve().then(() => 42), 100)).resolves.toBe(42);
  });

  it("abandons an answer still pending at the deadline", async () => {
    await expect(withDeadline(new Promise(() => {}), 100)).rejects.toMatchObject({ status: 504 });
  });

  it("abandons an answer that ran past the deadline without yielding, which the timer alone let through", async () => {
    const work = Promise.resolve().then(() => {
      busyFor(150);
      return 42;
    });
    const failure = await withDeadline(work, 100).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HTTPException);
    expect((failure as HTTPException).status).toBe(504);
  });
});
