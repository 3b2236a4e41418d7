/**
 * Command-line parsing shared by every task: strict `node:util` parseArgs with
 * the common flags, so an unknown flag or a bad value is a usage error.
 *
 * @module
 */

import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { QreproError, UsageError } from "./errors.ts";

/** Run profiles: `smoke` (seconds, tests), `quick` (CPU-friendly), `paper` (full settings). */
export const PROFILES = ["smoke", "quick", "paper"] as const;
/** A run profile. */
export type Profile = typeof PROFILES[number];
/** Compute backends: `auto` = webgpu when an adapter exists, else wasm. */
export const BACKENDS = ["auto", "webgpu", "wasm", "cpu"] as const;
/** A compute backend choice. */
export type BackendName = typeof BACKENDS[number];
/** `code` = what the published code computed; `paper` = the method as described. */
export const IMPLS = ["code", "paper"] as const;
/** An implementation reading. */
export type Impl = typeof IMPLS[number];

/** One shard of a sweep: cells whose index ≡ `index` (mod `count`). */
export interface Shard {
  /** Zero-based shard index, below `count`. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** The flags every experiment understands. */
export interface CommonFlags {
  /** Run profile. @default {"quick"} */
  profile: Profile;
  /** Base seed; cells derive theirs from it. @default {0} */
  seed: number;
  /** Compute backend. @default {"auto"} */
  backend: BackendName;
  /** Implementation reading, or both when absent. */
  impl?: Impl;
  /** Shard of the cell list. @default {{index: 0, count: 1}} */
  shard: Shard;
  /** Output directory. @default {"reports"} */
  out: string;
}

/** What a command accepts, for parsing and `--help`. */
export interface CliSpec {
  /** Command as the user types it, e.g. `deno task reproduce:qdrop`. */
  name: string;
  /** One paragraph describing the command. */
  summary: string;
  /** Extra flags (parseArgs config), each described in `help`. */
  options?: ParseArgsOptionsConfig;
  /** Help text per extra flag name. */
  help?: Record<string, string>;
  /** Positional arguments, e.g. `[dataset…]`; none allowed when absent. */
  positionals?: string;
  /** Whether to accept the experiment flags (profile, seed, backend, impl, shard, out). @default {true} */
  experimentFlags?: boolean;
}

/** Result of {@linkcode parseCli}. */
export interface ParsedCli {
  /** True when `--help` was given: print `usage` and exit 0. */
  help: boolean;
  /** The usage text. */
  usage: string;
  /** Common flags, validated. */
  common: CommonFlags;
  /** Extra flag values by name. */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Positional arguments. */
  positionals: string[];
}

const COMMON_OPTIONS: ParseArgsOptionsConfig = {
  profile: { type: "string" },
  seed: { type: "string" },
  backend: { type: "string" },
  impl: { type: "string" },
  shard: { type: "string" },
  out: { type: "string" },
};

const COMMON_HELP: Record<string, string> = {
  profile:
    "smoke | quick | paper (default quick): seconds, CPU-friendly, or the paper's settings",
  seed: "base seed, an integer (default 0)",
  backend:
    "auto | webgpu | wasm | cpu (default auto: webgpu when an adapter exists, else wasm)",
  impl:
    "code | paper: what the published code computed, or the method as described (default both)",
  shard:
    "K/N: run only cells whose index is K modulo N (for job arrays; default 0/1)",
  out: "output directory (default reports)",
};

function usageText(
  spec: CliSpec,
  options: ParseArgsOptionsConfig,
  help: Record<string, string>,
): string {
  const lines = [
    `Usage: ${spec.name} [flags]${
      spec.positionals ? ` ${spec.positionals}` : ""
    }`,
    "",
    spec.summary,
    "",
    "Flags:",
  ];
  const names = ["help", ...Object.keys(options)];
  const text = { help: "print this help and exit", ...help };
  const width = Math.max(
    ...names.map((n) => n.length + (options[n]?.type === "string" ? 6 : 0)),
  ) + 4;
  for (const n of names) {
    const flag = `--${n}${options[n]?.type === "string" ? " VALUE" : ""}`;
    lines.push(`  ${flag.padEnd(width)}${text[n as keyof typeof text] ?? ""}`);
  }
  return lines.join("\n");
}

function oneOf<T extends string>(
  flag: string,
  value: string,
  allowed: readonly T[],
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      `Invalid value for --${flag}: expected ${
        allowed.join(" | ")
      }, got "${value}"`,
    );
  }
  return value as T;
}

/**
 * Parse a command line strictly.
 *
 * @param args Arguments after the script name (`Deno.args`).
 * @param spec What the command accepts.
 * @returns The parsed flags and the usage text.
 * @throws {UsageError} On an unknown flag, a missing value or an invalid value.
 *
 * @example Common flags
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCli } from "./cli.ts";
 * const spec = { name: "demo", summary: "Demo." };
 * const cli = parseCli(["--profile", "smoke", "--shard", "1/4"], spec);
 * assert.equal(cli.common.profile, "smoke");
 * assert.deepEqual(cli.common.shard, { index: 1, count: 4 });
 * assert.throws(() => parseCli(["--bogus"], spec), /Unknown flag: --bogus/);
 * ```
 */
export function parseCli(args: string[], spec: CliSpec): ParsedCli {
  const experiment = spec.experimentFlags ?? true;
  const options: ParseArgsOptionsConfig = {
    ...(experiment ? COMMON_OPTIONS : {}),
    ...spec.options,
  };
  const help = { ...(experiment ? COMMON_HELP : {}), ...spec.help };
  const usage = usageText(spec, options, help);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: spec.positionals !== undefined,
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) {
      throw new UsageError(`Unknown flag: ${unknown[1]} (see --help)`);
    }
    const positional = /Unexpected argument '([^']+)'/.exec(msg);
    if (positional) {
      throw new UsageError(
        `Unexpected argument: "${positional[1]}" (see --help)`,
      );
    }
    throw new UsageError(`${msg.replace(/\.$/, "")} (see --help)`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const seedText = (v.seed as string | undefined) ?? "0";
  if (!/^-?\d+$/.test(seedText)) {
    throw new UsageError(
      `Invalid value for --seed: expected an integer, got "${seedText}"`,
    );
  }
  const shardText = (v.shard as string | undefined) ?? "0/1";
  const m = /^(\d+)\/(\d+)$/.exec(shardText);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) {
    throw new UsageError(
      `Invalid value for --shard: expected K/N with 0 ≤ K < N, got "${shardText}"`,
    );
  }
  const common: CommonFlags = {
    profile: oneOf(
      "profile",
      (v.profile as string | undefined) ?? "quick",
      PROFILES,
    ),
    seed: Number(seedText),
    backend: oneOf(
      "backend",
      (v.backend as string | undefined) ?? "auto",
      BACKENDS,
    ),
    impl: v.impl === undefined
      ? undefined
      : oneOf("impl", v.impl as string, IMPLS),
    shard: { index: Number(m[1]), count: Number(m[2]) },
    out: (v.out as string | undefined) ?? "reports",
  };
  const values: ParsedCli["values"] = {};
  for (const key of Object.keys(spec.options ?? {})) {
    values[key] = v[key];
  }
  return {
    help: v.help === true,
    usage,
    common,
    values,
    positionals: parsed.positionals,
  };
}

/**
 * Whether cell number `index` belongs to `shard` (round-robin split).
 *
 * @param index Position of the cell in the experiment's deterministic cell list.
 * @param shard The shard to run.
 * @returns True when this process should run the cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inShard } from "./cli.ts";
 * assert.deepEqual([0, 1, 2, 3, 4].filter((i) => inShard(i, { index: 1, count: 2 })), [1, 3]);
 * ```
 */
export function inShard(index: number, shard: Shard): boolean {
  return index % shard.count === shard.index;
}

/**
 * Run an entry point: user errors ({@linkcode QreproError}) print one line and
 * exit non-zero; anything else is a bug and keeps its stack trace.
 *
 * @param main The command body.
 * @returns Resolves when `main` succeeded; otherwise the process exits.
 *
 * @example
 * ```ts ignore
 * import { runMain } from "./cli.ts";
 * await runMain(async () => console.log("hello"));
 * ```
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof QreproError) {
      console.error(`error: ${err.message}`);
      Deno.exit(err.exitCode);
    }
    if (
      err instanceof Deno.errors.PermissionDenied ||
      err instanceof Deno.errors.NotCapable
    ) {
      console.error(
        `error: ${err.message}: run the command through its deno task, which grants the permissions it needs`,
      );
      Deno.exit(1);
    }
    throw err;
  }
}
