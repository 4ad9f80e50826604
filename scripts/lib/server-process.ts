import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

/** A loopback port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Kills the server and everything it started (an ingest child of /admin/reindex), then waits for it. */
  stop: () => Promise<void>;
}

/** Process groups started here and not yet exited: killed when this process exits, whatever happened. */
const running = new Set<number>();
process.on("exit", () => {
  for (const group of running) killGroup(group, "SIGKILL");
});

function killGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // already gone
  }
}

/**
 * `npm start`'s code (src/server.ts) in its own process on a free loopback port (or env.PORT),
 * once it listens; in `cwd` when given (relative defaults such as index/ and seeds/ are then read there). The
 * server leads a process group of its own, so stop() also ends what it spawned; one that never
 * starts listening is killed before the error is thrown.
 */
export async function spawnServer(env: Record<string, string>, cwd?: string): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", resolve("src/server.ts")], {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const group = child.pid!;
  running.add(group);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) =>
    child.on("exit", (code) => {
      // Whatever the leader left behind goes with it.
      killGroup(group, "SIGKILL");
      running.delete(group);
      r(code);
    }),
  );
  const stop = async () => {
    killGroup(group, "SIGKILL");
    await exited;
  };
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    await Promise.race([
      new Promise<void>((ready) => {
        const check = () => (out.includes("Listening") ? ready() : gone ? undefined : setTimeout(check, 50));
        check();
      }),
      exited.then((code) => {
        throw new Error(`server exited (${code}): ${out}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { child, base: `http://127.0.0.1:${port}`, output: () => out, exited, stop };
}
