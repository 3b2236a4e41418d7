/**
 * Seeded random search over QIANets' two compression hyperparameters,
 * standing in for the code's unseeded Optuna TPE (notes §2 "Hyperparameter
 * search"): `layer_sparsity` ~ U[0.1, 0.9], `rank` ~ U{5 … 50}, a fixed trial
 * budget, and the trial with the lowest validation loss wins.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";

/** The searched hyperparameters. */
export interface CompressionParams {
  /** Layer sparsity. */
  sparsity: number;
  /** SVD rank. */
  rank: number;
}

/** Options of {@linkcode randomSearch}. */
export interface RandomSearchOptions {
  /** Number of trials (the code runs 10). */
  nTrials: number;
  /** Random stream for the draws. */
  rng: Rng;
  /** Sparsity range [low, high). @default {[0.1, 0.9]} */
  sparsity?: [low: number, high: number];
  /** Rank range, inclusive integers. @default {[5, 50]} */
  rank?: [low: number, high: number];
}

/** One finished trial. */
export interface Trial extends CompressionParams {
  /** 0-based trial index. */
  trial: number;
  /** Objective value (lower is better). */
  score: number;
}

/**
 * Runs `nTrials` trials with seeded draws and returns them with the best.
 *
 * @param objective Trains and scores one setting (lower is better).
 * @param options Trial budget, ranges and rng.
 * @returns All trials in order and the one with the lowest score.
 * @throws {RangeError} If `nTrials` is not a positive integer.
 *
 * @example The best of three draws
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { randomSearch } from "./random_search.ts";
 * const r = await randomSearch((p) => Promise.resolve(Math.abs(p.sparsity - 0.5)), { nTrials: 3, rng: createRng(0) });
 * assert.equal(r.trials.length, 3);
 * assert.equal(r.best.score, Math.min(...r.trials.map((t) => t.score)));
 * ```
 */
export async function randomSearch(
  objective: (params: CompressionParams, trial: number) => Promise<number>,
  options: RandomSearchOptions,
): Promise<{ trials: Trial[]; best: Trial }> {
  const { nTrials, rng, sparsity = [0.1, 0.9], rank = [5, 50] } = options;
  if (!Number.isInteger(nTrials) || nTrials < 1) {
    throw new RangeError(
      `Cannot search: expected a positive integer nTrials, got ${nTrials}`,
    );
  }
  const trials: Trial[] = [];
  for (let trial = 0; trial < nTrials; trial++) {
    const draw = rng.fork(`trial-${trial}`);
    const params = {
      sparsity: sparsity[0] + (sparsity[1] - sparsity[0]) * draw.next(),
      rank: rank[0] + draw.int(rank[1] - rank[0] + 1),
    };
    trials.push({ trial, ...params, score: await objective(params, trial) });
  }
  const best = trials.reduce((a, b) => (b.score < a.score ? b : a));
  return { trials, best };
}
