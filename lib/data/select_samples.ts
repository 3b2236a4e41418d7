/**
 * Pick samples of an {@linkcode ImageSet} by index or by range, copying them
 * into a new set.
 *
 * @module
 */

import { type ImageSet, imageSize, type PixelArray } from "./sample_set.ts";

/**
 * The samples at `indices`, in that order (indices may repeat).
 *
 * @param set Source images and labels.
 * @param indices Sample indices, each below `set.shape[0]`.
 * @returns A new set of `indices.length` samples.
 * @throws {RangeError} If an index is out of range.
 *
 * @example Reverse two samples
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectSamples } from "./select_samples.ts";
 * const set = { images: new Uint8Array([1, 2]), shape: [2, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([5, 6]) };
 * const out = selectSamples(set, [1, 0]);
 * assert.deepEqual([...out.images], [2, 1]);
 * assert.deepEqual([...out.labels], [6, 5]);
 * ```
 */
export function selectSamples<T extends PixelArray>(
  set: ImageSet<T>,
  indices: ArrayLike<number>,
): ImageSet<T> {
  const [n, h, w, c] = set.shape;
  const size = imageSize(set.shape);
  const images = new (set.images.constructor as new (n: number) => T)(
    indices.length * size,
  );
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!(i >= 0 && i < n && Number.isInteger(i))) {
      throw new RangeError(
        `Cannot select sample ${i}: expected an integer index in 0…${n - 1}`,
      );
    }
    images.set(set.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = set.labels[i];
  }
  return { images, shape: [indices.length, h, w, c], labels };
}

/** Options of {@linkcode sliceSamples}. */
export interface SliceSamplesOptions {
  /** First sample kept. @default {0} */
  start?: number;
  /** One past the last sample kept, clamped to the set size. @default {N} */
  end?: number;
}

/**
 * The samples `start … end−1` (e.g. "the first 500 of the filtered train set").
 *
 * @param set Source images and labels.
 * @param options Range.
 * @returns A new set holding a copy of the range.
 * @throws {RangeError} If `start` is negative or above `end`.
 *
 * @example First two of three
 * ```ts
 * import assert from "node:assert/strict";
 * import { sliceSamples } from "./select_samples.ts";
 * const set = { images: new Uint8Array([1, 2, 3]), shape: [3, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([0, 1, 0]) };
 * assert.deepEqual([...sliceSamples(set, { end: 2 }).images], [1, 2]);
 * ```
 */
export function sliceSamples<T extends PixelArray>(
  set: ImageSet<T>,
  options: SliceSamplesOptions = {},
): ImageSet<T> {
  const n = set.shape[0];
  const { start = 0 } = options;
  const end = Math.min(options.end ?? n, n);
  if (start < 0 || start > end) {
    throw new RangeError(
      `Cannot slice samples: expected 0 ≤ start ≤ end, got start ${start}, end ${end}`,
    );
  }
  const size = imageSize(set.shape);
  return {
    images: set.images.slice(start * size, end * size) as T,
    shape: [end - start, set.shape[1], set.shape[2], set.shape[3]],
    labels: set.labels.slice(start, end),
  };
}
