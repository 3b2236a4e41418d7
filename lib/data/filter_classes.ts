/**
 * Keep only some classes and number them by their position in the list, e.g.
 * MNIST 3-vs-6 (`[3, 6]`: 3 → 0, 6 → 1), as in the qdrop notebooks (notes §4).
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";
import { selectSamples } from "./select_samples.ts";

/**
 * Keep the samples whose label is in `classes`, in their original order, and
 * relabel each to the index of its class in `classes`.
 *
 * @param set Source images and labels.
 * @param classes Original labels to keep; the order defines the new labels.
 * @returns A new set of the kept samples with labels `0 … classes.length−1`.
 * @throws {RangeError} If `classes` is empty or repeats a label.
 *
 * @example 3-vs-6
 * ```ts
 * import assert from "node:assert/strict";
 * import { filterClasses } from "./filter_classes.ts";
 * const set = { images: new Uint8Array([10, 30, 60, 31]), shape: [4, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([1, 3, 6, 3]) };
 * const out = filterClasses(set, [3, 6]);
 * assert.deepEqual([...out.images], [30, 60, 31]);
 * assert.deepEqual([...out.labels], [0, 1, 0]);
 * ```
 */
export function filterClasses<T extends PixelArray>(
  set: ImageSet<T>,
  classes: readonly number[],
): ImageSet<T> {
  if (classes.length === 0 || new Set(classes).size !== classes.length) {
    throw new RangeError(
      `Cannot filter classes: expected distinct labels, got [${
        classes.join(", ")
      }]`,
    );
  }
  const newLabel = new Int16Array(256).fill(-1);
  classes.forEach((label, i) => newLabel[label] = i);
  const keep: number[] = [];
  for (let i = 0; i < set.labels.length; i++) {
    if (newLabel[set.labels[i]] >= 0) keep.push(i);
  }
  const out = selectSamples(set, keep);
  for (let i = 0; i < out.labels.length; i++) {
    out.labels[i] = newLabel[out.labels[i]];
  }
  return out;
}
