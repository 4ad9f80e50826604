import { afterAll } from "vitest";
import { type ServerProcess, spawnServer } from "../../scripts/lib/server-process.js";

export { freePort, type ServerProcess } from "../../scripts/lib/server-process.js";

/** The real server in its own process (word vectors, no rate limit unless asked), killed after the file. */
export async function startServerProcess(env: Record<string, string>, cwd?: string): Promise<ServerProcess> {
  const server = await spawnServer({ EMBEDDER: "wordvectors", RATE_LIMIT_PER_MINUTE: "100000", ...env }, cwd);
  afterAll(() => {
    server.child.kill("SIGKILL");
  });
  return server;
}
