import { type Server, createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { SEED_INDEX } from "./support/seed-index.js";
import { startServerProcess } from "./support/server-process.js";

/** `npm start` as a user runs it, on the seeds' prebuilt index: what it says when starting. */
describe("starting the server", () => {
  let holder: Server | undefined;
  afterAll(() => new Promise<void>((r) => (holder ? holder.close(() => r()) : r())));

  it("says in one line that the port is taken and how to choose another, without a stack", async () => {
    holder = createServer();
    const port = await new Promise<number>((r) => holder!.listen(0, "127.0.0.1", () => r((holder!.address() as { port: number }).port)));
    const failure = await startServerProcess({ INDEX_DIR: SEED_INDEX, PORT: String(port) }).then(
      () => "",
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/^server exited \(1\): /);
    expect(failure).toMatch(new RegExp(`^could not start: port ${port} on 127\\.0\\.0\\.1 is already in use .*PORT=`, "m"));
    expect(failure).not.toMatch(/Unhandled|EADDRINUSE|^\s+at /m);
  });

  it("with API_KEYS, suggests a request that sends a key, named by a placeholder, never a key itself", async () => {
    const server = await startServerProcess({ INDEX_DIR: SEED_INDEX, API_KEYS: "key-one-0123456789,key-two-0123456789" });
    const hint = server.output().match(/try: (curl .*)$/m)?.[1];
    expect(hint).toMatch(/ -H 'authorization: Bearer <one of API_KEYS>' /);
    expect(server.output()).not.toContain("key-one-0123456789");
  });
});
