import { resolve } from "node:path";
import { type Config, loadConfig } from "../../src/config.js";
import type { AskService } from "../../src/service.js";
import { openService } from "../../src/open-service.js";

/** Where the global setup builds the seeds' index (word-vector tier), fresh each run. */
export const SEED_INDEX = resolve(".cache/test-seed-index");

export function seedConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ INDEX_DIR: SEED_INDEX, EMBEDDER: "wordvectors", ...overrides });
}

let service: Promise<AskService> | undefined;

/** One service over the seed index per test file. */
export function seedService(): Promise<AskService> {
  service ??= openService(seedConfig());
  return service;
}

export const CANONICAL = "What does OSA fund in Malaysia?";
export const CANONICAL_FILE = "001_2f568d795fe33f1c.txt";
export const CANONICAL_PARAGRAPHS = [10, 26];
