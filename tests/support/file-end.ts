import type { Server } from "node:http";
import { afterAll } from "vitest";

/**
 * Clean-up asked for inside a hook or a helper, run when the test file ends. vitest silently
 * drops an afterAll registered inside beforeAll or a test (tried: it never runs), which left every
 * browser, loopback server and Chromium profile folder to the worker's exit. The steps are kept
 * here and run, latest first, by the one afterAll registered when the file is collected.
 */
const steps: (() => unknown)[] = [];
afterAll(async () => {
  for (const step of steps.splice(0).reverse()) await step();
});

export function atFileEnd(step: () => unknown): void {
  steps.push(step);
}

/** Closes a loopback server with its connections: a stream left open would hold close() forever. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
