import { createHash } from "node:crypto";
import { lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Plugin, build } from "esbuild";

/**
 * The parser worker (worker.ts) as plain JavaScript, bundled by esbuild the first time a process
 * needs one. A worker thread starts without the TypeScript loader its parent runs under (tsx, or
 * vite's in the tests); loading worker.ts through tsx's API instead took ~0.2 s to start and
 * ~0.5 s more for remark (every module through tsx's hooks), against ~35 ms and ~40 ms bundled.
 *
 * Only this project's TypeScript is bundled. Packages stay imports, of the very files Node would
 * load (absolute file URLs), and `import.meta.url` keeps naming each source file, so the bundle
 * runs from anywhere: it is kept in this user's private folder under the system's temporary
 * folder, nothing is written into the project or node_modules (which may be read-only). The
 * bundle's folder is named by a hash of its contents, so processes running the same code share
 * one, changed code never runs stale, and a killed process leaves nothing new behind. Each dynamic
 * import is a chunk of its own, so a worker loads PDF.js only when a PDF comes up.
 */
const ENTRY = fileURLToPath(new URL("./worker.ts", import.meta.url));

const BUILTIN = new Set(builtinModules);
const isPackage = (path: string) => !path.startsWith(".") && !path.startsWith("/") && !path.startsWith("node:") && !BUILTIN.has(path.split("/")[0]!);

/** Bare imports → externals by absolute URL; this project's `import.meta.url` → its own file's URL. */
const keepSourceLocations: Plugin = {
  name: "keep-source-locations",
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (!isPackage(args.path) || args.pluginData === "resolving") return undefined;
      const resolved = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "resolving" });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};

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
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: "/",
    outExtension: { ".js": ".mjs" },
    write: false,
    logLevel: "silent",
    plugins: [keepSourceLocations],
  });
  const hash = createHash("sha256");
  for (const f of outputFiles) hash.update(f.path).update(f.contents);
  const parent = await privateFolder();
  const dir = join(parent, `parser-worker-${hash.digest("hex").slice(0, 16)}`);
  if (!(await lstat(dir).catch(() => null))) {
    const partial = await mkdtemp(join(parent, "partial-"));
    for (const f of outputFiles) {
      await mkdir(join(partial, dirname(f.path)), { recursive: true });
      await writeFile(join(partial, f.path), f.contents);
    }
    // Another process may have put the same bundle there first: then that copy is the one used.
    await rename(partial, dir).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return pathToFileURL(join(dir, "worker.mjs"));
}

/**
 * <tmp>/cited-answers-<uid>: made by this user, readable and writable by nobody else (checked, not
 * assumed: in a shared /tmp another user could have made it first, to plant code a worker runs).
 */
async function privateFolder(): Promise<string> {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `cited-answers-${uid ?? "user"}`);
  await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
  const info = await lstat(dir);
  if (!info.isDirectory() || (uid !== undefined && (info.uid !== uid || (info.mode & 0o077) !== 0))) {
    throw new Error(`${dir} is not a folder only this user can use`);
  }
  return dir;
}
