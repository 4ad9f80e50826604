import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * Folders made by the test file importing this module, removed after its tests: afterAll
 * registered inside a test or a hook never runs (vitest), so one registered when the file is
 * collected removes them all.
 */
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A temporary folder removed after the test file; optionally a copy of seeds/. */
export async function tempDir(prefix: string, copySeeds = false): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  if (copySeeds) await cp("seeds", join(dir, "corpus"), { recursive: true });
  return dir;
}
