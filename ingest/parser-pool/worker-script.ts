import { createHash } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * The parser worker (worker.ts) as plain JavaScript, bundled by esbuild the first time a process
 * needs one. A worker thread starts without the TypeScript loader its parent runs under (tsx, or
 * vite's in the tests); loading worker.ts through tsx's API instead took ~0.2 s to start and
 * ~0.5 s more for remark (every module through tsx's hooks), against ~35 ms and ~40 ms bundled.
 *
 * Only this project's TypeScript is bundled; packages stay imports, resolved from
 * node_modules/.cache/ (inside node_modules, so they resolve as from the source), and each
 * dynamic import is a chunk of its own, so a worker loads PDF.js only when a PDF comes up. The
 * folder is named by a hash of what was built: processes building the same code share it, and
 * changed code never runs stale.
 */
const ENTRY = fileURLToPath(new URL("./worker.ts", import.meta.url));
const CACHE = fileURLToPath(new URL("../../node_modules/.cache/cited-answers/", import.meta.url));

let script: Promise<URL> | null = null;

/** The bundled worker's entry, built once per process. */
export function parserWorkerScript(): Promise<URL> {
  script ??= bundle().catch((err: unknown) => {
    script = null;
    throw err;
  });
  return script;
}

async function bundle(): Promise<URL> {
  const { outputFiles } = await build({
    entryPoints: { worker: ENTRY },
    bundle: true,
    splitting: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: "/",
    // .mjs: the folder is inside node_modules, where .js is CommonJS unless a package says otherwise.
    outExtension: { ".js": ".mjs" },
    write: false,
    logLevel: "silent",
  });
  const hash = createHash("sha256");
  for (const f of outputFiles) hash.update(f.path).update(f.contents);
  const dir = join(CACHE, `parser-worker-${hash.digest("hex").slice(0, 16)}`);
  const entry = pathToFileURL(join(dir, "worker.mjs"));
  const partial = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(partial, { recursive: true });
  for (const f of outputFiles) {
    await mkdir(join(partial, dirname(f.path)), { recursive: true });
    await writeFile(join(partial, f.path), f.contents);
  }
  // Another process may have written the same folder first: then its copy is used and this one dropped.
  await rename(partial, dir).catch(() => rm(partial, { recursive: true, force: true }));
  return entry;
}
