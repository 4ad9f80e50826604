// Start, steady state and a live swap of the real server at one corpus size (issue 13, item 4):
// cold start with an index, RSS after 60 s of mixed load, and latency, failures and RSS while
// the server swaps to a new build under load.
import { spawn } from "node:child_process";
import { appendFile, cp, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import autocannon from "autocannon";
import { buildDir, currentBuildName, setCurrentBuild } from "../../src/index-store/layout.js";
import { spawnServer } from "../lib/server-process.js";

export interface Lifecycle {
  coldStartMs: number[];
  steadyRssMB: number;
  swap: { statuses: string; p50: number; p99: number; max: number; peakRssMB: number; liveAfterMs: number; clients: number; seconds: number };
}

const rssMB = async (pid: number) => Number((await readFile(`/proc/${pid}/status`, "utf8")).match(/VmRSS:\s+(\d+)/)![1]) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function askRequests(questions: string[]) {
  return questions.map((q) => ({ method: "POST" as const, path: "/ask", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: q }) }));
}

/** What a live service sees: questions, health checks and source pages. */
function mixedRequests(questions: string[]) {
  return [...askRequests(questions), { method: "GET" as const, path: "/health" }, { method: "GET" as const, path: "/sources/part-0000.txt?p=10" }, { method: "GET" as const, path: "/" }];
}

async function paragraphsServed(base: string): Promise<number> {
  return ((await (await fetch(`${base}/health`)).json()) as { paragraphs: number }).paragraphs;
}

function ingest(corpus: string, index: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "ingest/cli.ts", "--dir", corpus, "--index", index], { env: { ...process.env, ...env }, stdio: "ignore" });
  return new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ingest exited ${code}`)))));
}

/**
 * `index` must already hold a build of `corpus`. The next build (one paragraph added) is made
 * beforehand in a copy of the index, so the measured window holds the swap itself — loading,
 * verifying and switching — and not an ingest competing for the same two cores.
 */
export async function measureLifecycle(options: { corpus: string; index: string; env: Record<string, string>; questions: string[]; log: (line: string) => void }): Promise<Lifecycle> {
  const { corpus, index, env, questions, log } = options;
  // The next build is made from this same folder (an index serves only the corpus it was built
  // from), with a line added to this file for the time of that ingest and then taken out again.
  // Whole-second times are restored exactly, so the server's listing digest does not move; the
  // index records them once here, before anything is measured.
  const edited = join(corpus, "part-0000.txt");
  const stamp = new Date(Math.floor(Date.now() / 1000) * 1000);
  await utimes(edited, stamp, stamp);
  await ingest(corpus, index, env);
  const coldStartMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const server = await spawnServer(env);
    coldStartMs.push(performance.now() - start);
    server.child.kill("SIGTERM");
    await server.exited;
  }
  log(`lifecycle: cold starts ${coldStartMs.map((ms) => Math.round(ms)).join(", ")} ms; preparing the next build`);
  // In a copy of the index, so the server's own index stays as it was until the swap.
  const next = `${index}-next`;
  await cp(index, next, { recursive: true });
  const original = await readFile(edited);
  await appendFile(edited, "The Heron patrol programme added six paragraphs of news.\n");
  try {
    await ingest(corpus, next, env);
  } finally {
    await writeFile(edited, original);
    await utimes(edited, stamp, stamp);
  }
  const nextBuild = (await currentBuildName(next))!;

  const server = await spawnServer(env);
  try {
    log("lifecycle: 60 s of mixed load");
    await autocannon({ url: server.base, connections: 8, duration: 60, requests: mixedRequests(questions) });
    await sleep(2_000);
    const steadyRssMB = await rssMB(server.child.pid!);
    const before = await paragraphsServed(server.base);

    const clients = 4;
    const seconds = 20;
    log(`lifecycle: swap under load (${clients} clients, ${seconds} s)`);
    let peakRssMB = steadyRssMB;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRssMB = Math.max(peakRssMB, await rssMB(server.child.pid!));
        await sleep(100);
      }
    })();
    let liveAfterMs = Number.NaN;
    const swap = (async () => {
      await sleep(4_000);
      await cp(buildDir(next, nextBuild), buildDir(index, nextBuild), { recursive: true });
      const switched = performance.now();
      await setCurrentBuild(index, nextBuild);
      while ((await paragraphsServed(server.base)) === before && performance.now() - switched < 30_000) await sleep(50);
      liveAfterMs = performance.now() - switched;
    })();
    const result = await autocannon({ url: server.base, connections: clients, duration: seconds, requests: askRequests(questions) });
    await swap;
    sampling = false;
    await sampler;
    return {
      coldStartMs,
      steadyRssMB,
      swap: {
        statuses: `2xx ${result["2xx"]}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
        peakRssMB,
        liveAfterMs,
        clients,
        seconds,
      },
    };
  } finally {
    server.child.kill("SIGTERM");
  }
}
