/**
 * Central crop of every image: by size, or by fraction with the rounding of
 * TensorFlow's `tf.image.central_crop` (qdrop crops MNIST with 24/28, rows
 * and columns 2…25: notes §1.8; kd crops to N×N with N² = 2^Q: notes §5).
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";

/** Options of {@linkcode centerCrop}: give `size` or `fraction`. */
export interface CenterCropOptions {
  /** Output `[height, width]`; the offset is ⌊(H − h)/2⌋. */
  size?: [height: number, width: number];
  /**
   * Fraction in (0, 1] as in `tf.image.central_crop`: offset
   * ⌊(H − H·fraction)/2⌋ and size H − 2·offset, per axis.
   */
  fraction?: number;
}

function cropWindow(
  inSize: number,
  options: CenterCropOptions,
  axis: 0 | 1,
): [start: number, size: number] {
  if (options.size !== undefined) {
    const size = options.size[axis];
    return [Math.floor((inSize - size) / 2), size];
  }
  // tf.image.central_crop: bbox_start = int((img - img * fraction) / 2)
  const start = Math.trunc((inSize - inSize * options.fraction!) / 2);
  return [start, inSize - 2 * start];
}

/**
 * Crop the centre of every image.
 *
 * @param set Source images `[N, H, W, C]`.
 * @param options The output size or the TensorFlow-style fraction.
 * @returns A new set `[N, h, w, C]` of the same pixel type.
 * @throws {RangeError} If neither or both options are given, or the window
 * does not fit.
 *
 * @example 4×4 to its central 2×2
 * ```ts
 * import assert from "node:assert/strict";
 * import { centerCrop } from "./center_crop.ts";
 * const set = { images: Uint8Array.from({ length: 16 }, (_, i) => i), shape: [1, 4, 4, 1] as [number, number, number, number], labels: new Uint8Array(1) };
 * assert.deepEqual([...centerCrop(set, { size: [2, 2] }).images], [5, 6, 9, 10]);
 * assert.deepEqual(centerCrop(set, { fraction: 0.5 }).shape, [1, 2, 2, 1]);
 * ```
 */
export function centerCrop<T extends PixelArray>(
  set: ImageSet<T>,
  options: CenterCropOptions,
): ImageSet<T> {
  const [n, h, w, c] = set.shape;
  const { size, fraction } = options;
  if ((size === undefined) === (fraction === undefined)) {
    throw new RangeError(
      "Cannot crop: expected exactly one of size and fraction, got " +
        (size === undefined ? "neither" : "both"),
    );
  }
  if (fraction !== undefined && !(fraction > 0 && fraction <= 1)) {
    throw new RangeError(
      `Cannot crop: expected a fraction in (0, 1], got ${fraction}`,
    );
  }
  const [y0, oh] = cropWindow(h, options, 0);
  const [x0, ow] = cropWindow(w, options, 1);
  if (!(oh >= 1 && ow >= 1 && y0 >= 0 && x0 >= 0)) {
    throw new RangeError(
      `Cannot crop ${h}×${w} images: expected a window inside them, got ${oh}×${ow}`,
    );
  }
  const images = new (set.images.constructor as new (n: number) => T)(
    n * oh * ow * c,
  );
  const row = ow * c;
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < oh; y++) {
      const src = ((i * h + y0 + y) * w + x0) * c;
      images.set(set.images.subarray(src, src + row), (i * oh + y) * row);
    }
  }
  return { images, shape: [n, oh, ow, c], labels: set.labels };
}
