/**
 * Seeded random subsets and shuffles of an {@linkcode ImageSet}; all
 * randomness comes from the caller's {@linkcode Rng}.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";
import type { ImageSet, PixelArray } from "./sample_set.ts";
import { selectSamples } from "./select_samples.ts";

/** Options of {@linkcode subsample}. */
export interface SubsampleOptions {
  /** Number of samples to keep. */
  n: number;
  /** The seeded generator. */
  rng: Rng;
}

/**
 * `n` distinct samples drawn uniformly without replacement, kept in their
 * original order (shuffle separately with {@linkcode shuffleSamples}).
 *
 * @param set Source images and labels.
 * @param options Sample count and generator.
 * @returns A new set of `n` samples.
 * @throws {RangeError} If `n` is negative, fractional or above the set size.
 *
 * @example Same seed, same subset
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { subsample } from "./subsample.ts";
 * const set = { images: new Uint8Array([0, 1, 2, 3, 4]), shape: [5, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array(5) };
 * const a = subsample(set, { n: 3, rng: createRng(1) });
 * const b = subsample(set, { n: 3, rng: createRng(1) });
 * assert.deepEqual(a.images, b.images);
 * assert.ok(a.images[0] < a.images[1] && a.images[1] < a.images[2]);
 * ```
 */
export function subsample<T extends PixelArray>(
  set: ImageSet<T>,
  options: SubsampleOptions,
): ImageSet<T> {
  const { n, rng } = options;
  const total = set.shape[0];
  if (!(Number.isInteger(n) && n >= 0 && n <= total)) {
    throw new RangeError(
      `Cannot subsample: expected an integer n in 0…${total}, got ${n}`,
    );
  }
  const picked = rng.permutation(total).subarray(0, n).sort();
  return selectSamples(set, picked);
}

/** Options of {@linkcode shuffleSamples}. */
export interface ShuffleSamplesOptions {
  /** The seeded generator. */
  rng: Rng;
}

/**
 * All samples in a uniformly random order (images and labels move together).
 *
 * @param set Source images and labels.
 * @param options The generator.
 * @returns A new, permuted set.
 *
 * @example Labels follow their images
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { shuffleSamples } from "./subsample.ts";
 * const set = { images: new Uint8Array([0, 1, 2, 3]), shape: [4, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([0, 1, 2, 3]) };
 * const out = shuffleSamples(set, { rng: createRng(7) });
 * assert.deepEqual(out.images, out.labels);
 * assert.deepEqual([...out.labels].sort(), [0, 1, 2, 3]);
 * ```
 */
export function shuffleSamples<T extends PixelArray>(
  set: ImageSet<T>,
  options: ShuffleSamplesOptions,
): ImageSet<T> {
  return selectSamples(set, options.rng.permutation(set.shape[0]));
}
