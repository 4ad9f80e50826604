import { execFile, spawn } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort } from "./server-process.js";

const run = promisify(execFile);

/** Wrangler without telemetry, colour or prompts. */
export const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

/**
 * How long wrangler dev may take to answer /health: it bundles the Worker and starts workerd,
 * ~10 s alone on 2 cores, much longer when the machine is shared.
 */
const START_TIMEOUT_MS = 90_000;

export interface WranglerDev {
  base: string;
  stop(): void;
}

/** Exports an index for the Worker (npm run build:worker) with the given environment (INDEX_DIR…). */
export async function buildWorkerData(env: Record<string, string>): Promise<void> {
  await run(process.execPath, ["--import", "tsx", "scripts/build-worker.ts"], { env: { ...WRANGLER_ENV, ...env } });
}

/** `wrangler dev` on a free loopback port, once /health answers; `vars` become --var flags. */
export async function startWranglerDev(
  vars: Record<string, string> = {},
  /** When the Worker counts as started: by default, once /health answers 200. */
  ready: (health: Response) => boolean = (health) => health.ok,
): Promise<WranglerDev> {
  const port = await freePort();
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn("npx", ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(port), ...varArgs], {
    env: WRANGLER_ENV,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stop() ends npx, wrangler and workerd together.
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ok = await fetch(`${base}/health`).then(ready).catch(() => false);
    if (ok) return { base, stop };
    if (Date.now() > deadline || child.exitCode !== null) {
      stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The deployable bundle's size as `wrangler deploy --dry-run` writes it, raw and gzipped. */
export async function workerBundleSize(outDir: string): Promise<{ raw: number; gzipped: number }> {
  await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outDir], { env: WRANGLER_ENV });
  let raw = 0;
  let gzipped = 0;
  for (const name of await readdir(outDir)) {
    if (!name.endsWith(".js")) continue;
    const bytes = await readFile(join(outDir, name));
    raw += bytes.length;
    gzipped += gzipSync(bytes).length;
  }
  return { raw, gzipped };
}
