import { type ParseArgsConfig, parseArgs } from "node:util";

export type CommandLine<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** What a command line asks for: to run (with its values), to be told the usage, or a mistake. */
export type ReadArgs<T extends ParseArgsConfig> =
  | { kind: "run"; args: CommandLine<T> }
  | { kind: "help" }
  | { kind: "mistake"; problem: string };

/** node:util's parse errors in words that name the flag or argument, without parser jargon. */
function problemOf(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = message.match(/'([^']+)'/)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${quoted}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument ${quoted} (this command takes options only)`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = quoted.split(" ")[0] ?? quoted;
    return message.includes("argument missing") ? `${option} needs a value` : `${option} takes no value`;
  }
  return message.split(/(?<=\.)\s/)[0]!;
}

/**
 * Reads a command line strictly (an unknown option is a mistake, not ignored). `config.options`
 * must hold `help` (`--help`, `-h`), which wins over everything else.
 */
export function readArgs<const T extends ParseArgsConfig>(config: T): ReadArgs<T> {
  try {
    const args = parseArgs({ ...config, strict: true }) as CommandLine<T>;
    if ((args.values as { help?: boolean }).help) return { kind: "help" };
    // `--dir "$DOCS"` with DOCS unset: an empty value would silently mean the default (the seeds).
    const empty = Object.entries(args.values).find(([, value]) => value === "");
    if (empty) return { kind: "mistake", problem: `--${empty[0]} is empty` };
    return { kind: "run", args };
  } catch (err) {
    // "--help" anywhere still means help, even beside a mistake ("ask --jsn --help").
    if ((config.args ?? process.argv.slice(2)).some((a) => a === "--help" || a === "-h")) return { kind: "help" };
    return { kind: "mistake", problem: problemOf(err) };
  }
}

/** 2: the shell's convention for a command used wrongly (bash builtins, getopt-based tools). */
export const EXIT_USAGE = 2;

/**
 * The parsed command line, or the process ends: usage on stdout with status 0 for --help/-h,
 * the mistake and the usage on stderr with EXIT_USAGE otherwise.
 */
export function commandLineOrExit<const T extends ParseArgsConfig>(command: string, usage: string, config: T): CommandLine<T> {
  const read = readArgs(config);
  if (read.kind === "run") return read.args;
  if (read.kind === "help") {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return usageMistake(command, usage, read.problem);
}

/** Names the mistake, then the usage, on stderr, and ends with EXIT_USAGE. */
export function usageMistake(command: string, usage: string, problem: string): never {
  process.stderr.write(`${command}: ${problem}\n\n${usage}\n`);
  process.exit(EXIT_USAGE);
}
