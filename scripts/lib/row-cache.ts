import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FeaturedUnit } from "../../src/answer/features.js";
import type { TrainingRow } from "./training.js";

/**
 * For developing features and fits: TRAIN_ROWS=<folder> keeps the extracted rows of each source
 * (SQuAD, each folder's sets; features and labels only, what fitting reads) in <folder>/<source>.json,
 * so a second run skips the minutes of extraction and a new folder adds only its own. Never used
 * by a plain `npm run train`, which always extracts afresh. Delete the folder when features change.
 */
export async function cachedRows(folder: string | undefined, source: string, extract: () => Promise<TrainingRow[]>): Promise<TrainingRow[]> {
  const path = folder ? join(folder, `${source}.json`) : undefined;
  if (path && existsSync(path)) {
    const stored = JSON.parse(await readFile(path, "utf8")) as (Omit<TrainingRow, "units"> & { features: number[][] })[];
    return stored.map(({ features, ...row }) => ({ ...row, units: features.map((f) => ({ features: f }) as FeaturedUnit) }));
  }
  const rows = await extract();
  if (folder && path) {
    await mkdir(folder, { recursive: true });
    await writeFile(path, JSON.stringify(rows.map(({ units, ...row }) => ({ ...row, features: units.map((u) => u.features) }))));
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
