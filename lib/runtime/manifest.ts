/**
 * The run manifest written beside every result: what ran, where, with which
 * versions, and for how long.
 *
 * @module
 */

/** A run's provenance. */
export interface RunManifest {
  /** The experiment's resolved configuration. */
  config: unknown;
  /** Base seed. */
  seed: number;
  /** Run profile. */
  profile: string;
  /** Compute backend actually used. */
  backend: string;
  /** Adapter description when the backend is WebGPU. */
  adapter: string | null;
  /** Deno, V8 and TypeScript versions. */
  deno: typeof Deno.version;
  /** tfjs version from the import map. */
  tfjs: string;
  /** Git commit of the checkout, or null when unknown. */
  commit: string | null;
  /** Operating system and architecture. */
  platform: string;
  /** ISO start time. */
  startedAt: string;
  /** Wall time in seconds at the moment the manifest was made. */
  wallS: number;
}

/** Options of {@linkcode runManifest}. */
export interface RunManifestOptions {
  /** The resolved configuration. */
  config: unknown;
  /** Base seed. */
  seed: number;
  /** Run profile. */
  profile: string;
  /** Backend used. @default {"none"} */
  backend?: string;
  /** Adapter description, if any. */
  adapter?: string;
  /** Start time in ms since the epoch (`Date.now()` at start). */
  startedAt: number;
  /** Directory holding `.git`. @default {"."} */
  repoDir?: string;
}

/** tfjs version pinned in deno.json; kept here so manifests need no import of tfjs. */
export const TFJS_VERSION = "4.22.0";

/**
 * Read the current commit from `.git` without spawning git (no run permission).
 *
 * @param repoDir Directory that holds `.git`.
 * @returns The 40-hex commit, or null when not a checkout or not readable.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gitCommit } from "./manifest.ts";
 * assert.equal(await gitCommit("/nonexistent"), null);
 * ```
 */
export async function gitCommit(repoDir = "."): Promise<string | null> {
  try {
    const head = (await Deno.readTextFile(`${repoDir}/.git/HEAD`)).trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return null;
    try {
      return (await Deno.readTextFile(`${repoDir}/.git/${ref}`)).trim();
    } catch {
      const packed = await Deno.readTextFile(`${repoDir}/.git/packed-refs`);
      const line = packed.split("\n").find((l) => l.endsWith(` ${ref}`));
      return line ? line.slice(0, 40) : null;
    }
  } catch {
    return null;
  }
}

/**
 * Build the manifest of a run.
 *
 * @param options What ran.
 * @returns The manifest; `wallS` is measured from `startedAt` to now.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runManifest } from "./manifest.ts";
 * const m = await runManifest({ config: {}, seed: 1, profile: "smoke", startedAt: Date.now() });
 * assert.equal(m.profile, "smoke");
 * assert.ok(m.wallS >= 0);
 * ```
 */
export async function runManifest(
  options: RunManifestOptions,
): Promise<RunManifest> {
  const {
    config,
    seed,
    profile,
    backend = "none",
    adapter,
    startedAt,
    repoDir = ".",
  } = options;
  return {
    config,
    seed,
    profile,
    backend,
    adapter: adapter ?? null,
    deno: Deno.version,
    tfjs: TFJS_VERSION,
    commit: await gitCommit(repoDir),
    platform: `${Deno.build.os}-${Deno.build.arch}`,
    startedAt: new Date(startedAt).toISOString(),
    wallS: (Date.now() - startedAt) / 1000,
  };
}
