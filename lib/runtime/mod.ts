/**
 * Runtime conventions shared by every task: the seeded generator, user-facing
 * errors, strict flag parsing, atomic writes, progress and run manifests.
 *
 * @example Seeded, reproducible randomness
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "./mod.ts";
 * assert.deepEqual(createRng(3).permutation(5), createRng(3).permutation(5));
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./prng.ts";
export * from "./atomic_write.ts";
export * from "./cli.ts";
export * from "./progress.ts";
export * from "./manifest.ts";
export * from "./tfjs/mod.ts";
