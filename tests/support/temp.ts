import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atFileEnd } from "./file-end.js";


/** A temporary folder removed after the test file; optionally a copy of seeds/. */
export async function tempDir(prefix: string, copySeeds = false): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  atFileEnd(() => rm(dir, { recursive: true, force: true }));
  if (copySeeds) await cp("seeds", join(dir, "corpus"), { recursive: true });
  return dir;
}
