import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import type { FeaturedUnit } from "../../src/answer/features.js";
import type { TrainingRow } from "./training.js";

/**
 * For developing features and fits: TRAIN_ROWS=<file> keeps the extracted rows (features and
 * labels only, what fitting reads) so that a second run skips the minutes of extraction. Never
 * used by a plain `npm run train`, which always extracts afresh.
 */
export async function cachedRows(path: string | undefined, extract: () => Promise<TrainingRow[]>): Promise<TrainingRow[]> {
  if (path && existsSync(path)) {
    const stored = JSON.parse(await readFile(path, "utf8")) as (Omit<TrainingRow, "units"> & { features: number[][] })[];
    return stored.map(({ features, ...row }) => ({ ...row, units: features.map((f) => ({ features: f }) as FeaturedUnit) }));
  }
  const rows = await extract();
  if (path) await writeFile(path, JSON.stringify(rows.map(({ units, ...row }) => ({ ...row, features: units.map((u) => u.features) }))));
  return rows;
}
