import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FeaturedUnit } from "../../src/answer/features.js";
import type { TrainingRow } from "./training.js";

/**
 * For developing features and fits: TRAIN_ROWS=<folder> keeps the extracted rows of each source
 * (SQuAD, each folder's sets; features, labels and units' displays, what fitting reads) in <folder>/<source>.json,
 * so a second run skips the minutes of extraction and a new folder adds only its own. Never used
 * by a plain `npm run train`, which always extracts afresh. Delete the folder when features change.
 */
export async function cachedRows(folder: string | undefined, source: string, extract: () => Promise<TrainingRow[]>): Promise<TrainingRow[]> {
  const path = folder ? join(folder, `${source}.json`) : undefined;
  if (path && existsSync(path)) {
    const stored = JSON.parse(await readFile(path, "utf8")) as (Omit<TrainingRow, "units"> & { features: number[][]; displays?: string[] })[];
    // Choosing the keep ratio compares units' words (chooseUnits): a cache without them would choose another.
    if (stored.some((r) => !r.displays)) throw new Error(`${path} predates the units' displays: delete ${folder} and extract again`);
    return stored.map(({ features, displays, ...row }) => ({ ...row, units: features.map((f, i) => ({ features: f, display: displays![i] }) as FeaturedUnit) }));
  }
  const rows = await extract();
  if (folder && path) {
    await mkdir(folder, { recursive: true });
    await writeFile(path, JSON.stringify(rows.map(({ units, ...row }) => ({ ...row, features: units.map((u) => u.features), displays: units.map((u) => u.display) }))));
  }
  return rows;
}

/** The same for rows that are plain JSON already (the paragraph ranker's pools). */
export async function cachedJson<T>(folder: string | undefined, source: string, extract: () => Promise<T[]>): Promise<T[]> {
  const path = folder ? join(folder, `${source}.json`) : undefined;
  if (path && existsSync(path)) return JSON.parse(await readFile(path, "utf8")) as T[];
  const rows = await extract();
  if (folder && path) {
    await mkdir(folder, { recursive: true });
    await writeFile(path, JSON.stringify(rows));
  }
  return rows;
}
