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
}

/**
 * `npm start`'s code (src/server.ts) in its own process on a free loopback port, once it listens;
 * in `cwd` when given (relative defaults such as index/ and seeds/ are then read there).
 */
export async function spawnServer(env: Record<string, string>, cwd?: string): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", resolve("src/server.ts")], {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  await Promise.race([
    new Promise<void>((ready) => {
      const check = () => (out.includes("Listening") ? ready() : setTimeout(check, 50));
      check();
    }),
    exited.then((code) => {
      throw new Error(`server exited (${code}): ${out}`);
    }),
  ]);
  return { child, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}
