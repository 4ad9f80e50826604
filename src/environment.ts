import type { z } from "zod";

/** A variable is missing, malformed or contradicts another: the message names it and says why. */
export class InvalidConfigurationError extends Error {
  override name = "InvalidConfigurationError";

  constructor(problem: string) {
    super(`Invalid configuration: ${problem}`);
  }
}

/**
 * The variables `schema` reads, validated; an unset or empty variable takes its default. Throws
 * one "Invalid configuration: NAME: problem; …" error naming every bad variable.
 */
export function parseEnvironment<T extends z.ZodTypeAny>(schema: T, environment: Record<string, unknown>): z.infer<T> {
  // A Worker's [vars] may be TOML numbers or booleans (DISCORD_ASK_IN_THREAD = true): read as the
  // text they would be in process.env.
  const set = Object.fromEntries(
    Object.entries(environment)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, typeof v === "number" || typeof v === "boolean" ? String(v) : v]),
  );
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new InvalidConfigurationError(problems);
  }
  return parsed.data;
}
