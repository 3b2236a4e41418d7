/**
 * qrepro: reproductions of four quantum machine-learning papers (Q-Drop,
 * classical-to-quantum knowledge distillation, dataset distillation for QNNs,
 * QIANets), built on shared modules for runtime conventions, datasets, circuit
 * simulation, models, training, compression and reports.
 *
 * Each area is also importable on its own from `lib/<area>/mod.ts`.
 *
 * @example Seeded randomness shared by every area
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "./mod.ts";
 * assert.equal(createRng(1).next(), createRng(1).next());
 * ```
 *
 * @module
 */

export * from "./lib/runtime/mod.ts";
export * from "./lib/data/mod.ts";
export * from "./lib/quantum/mod.ts";
export * from "./lib/models/mod.ts";
export * from "./lib/training/mod.ts";
export * from "./lib/compression/mod.ts";
export * from "./lib/report/mod.ts";
