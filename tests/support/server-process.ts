import { afterAll, onTestFinished } from "vitest";
import { type ServerProcess, spawnServer } from "../../scripts/lib/server-process.js";

export { freePort, type ServerProcess } from "../../scripts/lib/server-process.js";

/**
 * Servers started by the test file importing this module. afterAll registered inside a test or a
 * hook never runs (vitest), which left servers behind after npm test; this one is registered when
 * the file is collected, so it always does.
 */
const started = new Set<ServerProcess>();
afterAll(async () => {
  await Promise.all([...started].map((s) => s.stop()));
});

/**
 * The real server in its own process (word vectors, no rate limit unless asked): stopped with
 * everything it spawned when the test that started it ends, or after the file when a hook did.
 */
export async function startServerProcess(env: Record<string, string>, cwd?: string): Promise<ServerProcess> {
  const server = await spawnServer({ EMBEDDER: "wordvectors", RATE_LIMIT_PER_MINUTE: "100000", ...env }, cwd);
  started.add(server);
  try {
    onTestFinished(() => server.stop());
  } catch {
    // Started in a hook (beforeAll): the afterAll above stops it.
  }
  return server;
}
