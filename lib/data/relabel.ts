/**
 * Map labels through a table, e.g. RetinaMNIST grade 0 vs rest
 * (`[0, 1, 1, 1, 1]`), as in the qdrop notebooks (notes §4).
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";

/**
 * Replace each label `l` by `mapping[l]`; the images are shared, not copied.
 *
 * @param set Source images and labels.
 * @param mapping New label for each old label.
 * @returns A set with the same images and the new labels.
 * @throws {RangeError} If a label has no entry in `mapping` or maps outside 0…255.
 *
 * @example Grade 0 vs rest
 * ```ts
 * import assert from "node:assert/strict";
 * import { relabel } from "./relabel.ts";
 * const set = { images: new Uint8Array(3), shape: [3, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([0, 3, 1]) };
 * assert.deepEqual([...relabel(set, [0, 1, 1, 1, 1]).labels], [0, 1, 1]);
 * ```
 */
export function relabel<T extends PixelArray>(
  set: ImageSet<T>,
  mapping: readonly number[],
): ImageSet<T> {
  for (const [from, to] of mapping.entries()) {
    if (!(Number.isInteger(to) && to >= 0 && to <= 255)) {
      throw new RangeError(
        `Cannot relabel: expected mapping values in 0…255, got ${to} for label ${from}`,
      );
    }
  }
  const labels = new Uint8Array(set.labels.length);
  for (let i = 0; i < labels.length; i++) {
    const old = set.labels[i];
    if (old >= mapping.length) {
      throw new RangeError(
        `Cannot relabel: expected labels below ${mapping.length}, got ${old} at index ${i}`,
      );
    }
    labels[i] = mapping[old];
  }
  return { images: set.images, shape: set.shape, labels };
}
