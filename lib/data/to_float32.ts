/**
 * Scale pixels to float32, e.g. bytes to [0, 1] by dividing by 255 (every
 * paper's first preprocessing step: qdrop notes §1.8, kd notes §2).
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";

/** Options of {@linkcode toFloat32}. */
export interface ToFloat32Options {
  /** Each value is divided by this (in float64, then rounded to float32, as NumPy's `x / 255.0` then `astype(float32)`). @default {255} */
  divideBy?: number;
}

/**
 * Convert images to float32, dividing every value by `divideBy`.
 *
 * @param set Source images.
 * @param options The divisor.
 * @returns A new float32 set with the same shape and labels.
 * @throws {RangeError} If `divideBy` is zero or not finite.
 *
 * @example Bytes to [0, 1]
 * ```ts
 * import assert from "node:assert/strict";
 * import { toFloat32 } from "./to_float32.ts";
 * const set = { images: new Uint8Array([0, 51, 255]), shape: [1, 1, 3, 1] as [number, number, number, number], labels: new Uint8Array(1) };
 * assert.deepEqual([...toFloat32(set).images], [0, Math.fround(0.2), 1]);
 * ```
 */
export function toFloat32(
  set: ImageSet<PixelArray>,
  options: ToFloat32Options = {},
): ImageSet<Float32Array> {
  const { divideBy = 255 } = options;
  if (!(Number.isFinite(divideBy) && divideBy !== 0)) {
    throw new RangeError(
      `Cannot scale images: expected a finite non-zero divideBy, got ${divideBy}`,
    );
  }
  const src = set.images;
  const images = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) images[i] = src[i] / divideBy;
  return { images, shape: [...set.shape], labels: set.labels };
}
