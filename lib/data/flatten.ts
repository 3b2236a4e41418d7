/**
 * Flatten images into feature vectors in NumPy C order (row, column,
 * channel), as `x.reshape(N, -1)` (qdrop notes §1.8: Retina 28·28·3 = 2352).
 *
 * @module
 */

import type { FeatureSet, ImageSet, PixelArray } from "./sample_set.ts";

/**
 * Flatten `[N, H, W, C]` images into `[N, H·W·C]` float32 rows, values unchanged.
 *
 * @param set Source images.
 * @returns A feature set sharing the labels (a copy of the values).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flatten } from "./flatten.ts";
 * const set = { images: new Uint8Array([1, 2, 3, 4]), shape: [2, 1, 1, 2] as [number, number, number, number], labels: new Uint8Array([0, 1]) };
 * const out = flatten(set);
 * assert.deepEqual(out.shape, [2, 2]);
 * assert.deepEqual([...out.features], [1, 2, 3, 4]);
 * ```
 */
export function flatten(set: ImageSet<PixelArray>): FeatureSet {
  const [n, h, w, c] = set.shape;
  return {
    features: Float32Array.from(set.images),
    shape: [n, h * w * c],
    labels: set.labels,
  };
}
