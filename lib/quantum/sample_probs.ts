/**
 * Shot sampling: empirical probabilities from a finite number of measurements, drawn from the
 * suite's seeded generator, so a noisy readout is reproducible from its seed.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";

/** Options of {@linkcode sampleProbs}. */
export interface SampleProbsOptions {
  /** Outcomes per row K (e.g. 2^k for probabilities over k wires). */
  nOutcomes: number;
  /** Measurements per row. */
  shots: number;
  /** Seeded generator (lib/runtime createRng). */
  rng: Rng;
}

/**
 * Replace each row of exact probabilities by the frequencies of `shots` categorical draws.
 *
 * @param probs Exact probabilities, row-major [B, K]; each row sums to 1 (round-off tolerated).
 * @param options Outcome count, shot count and generator.
 * @returns Frequencies [B, K], each a multiple of 1/shots.
 * @throws {RangeError} If shots is not a positive integer or probs.length is not a multiple of K.
 *
 * @example A certain outcome is always drawn
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { sampleProbs } from "./sample_probs.ts";
 * const f = sampleProbs([0, 1, 0, 0], { nOutcomes: 4, shots: 100, rng: createRng(1) });
 * assert.deepEqual([...f], [0, 1, 0, 0]);
 * ```
 */
export function sampleProbs(
  probs: ArrayLike<number>,
  { nOutcomes, shots, rng }: SampleProbsOptions,
): Float64Array {
  if (!(Number.isInteger(shots) && shots >= 1)) {
    throw new RangeError(
      `Cannot sample probabilities: shots expected a positive integer, got ${shots}`,
    );
  }
  if (!(nOutcomes >= 1 && probs.length % nOutcomes === 0)) {
    throw new RangeError(
      `Cannot sample probabilities: length expected a multiple of ${nOutcomes}, got ${probs.length}`,
    );
  }
  const k = nOutcomes, rows = probs.length / k;
  const out = new Float64Array(probs.length);
  const cdf = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    let acc = 0;
    for (let j = 0; j < k; j++) cdf[j] = acc += Math.max(0, probs[r * k + j]);
    for (let s = 0; s < shots; s++) {
      const u = rng.next() * acc;
      let lo = 0, hi = k - 1; // first j with cdf[j] > u
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      out[r * k + lo] += 1;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= shots;
  return out;
}
