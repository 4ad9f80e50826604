import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("./widget.ts", import.meta.url));

/** Bundles the widget's TypeScript into the one self-contained script served at /widget.js. */
export async function buildWidgetScript(): Promise<string> {
  const result = await build({ entryPoints: [ENTRY], bundle: true, format: "iife", minify: true, target: "es2020", write: false, legalComments: "none" });
  return result.outputFiles[0]!.text;
}
