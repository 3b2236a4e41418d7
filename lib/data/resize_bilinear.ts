/**
 * Bilinear resize with TensorFlow 2's `tf.image.resize` semantics
 * (`method="bilinear"`, `antialias=False`, half-pixel centres), which the
 * qdrop notebooks use to shrink MNIST to 4×4 (notes §1.8). A source
 * coordinate is s = (o + 0.5)·(in/out) − 0.5, clamped below at 0; the output
 * interpolates pixels ⌊s⌋ and min(⌈s⌉, in − 1) with weight s − ⌊s⌋, first
 * along columns, then rows (as tfjs `resizeBilinear(x, size, false, true)`).
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";

/** Options of {@linkcode resizeBilinear}. */
export interface ResizeBilinearOptions {
  /** Output `[height, width]`. */
  size: [height: number, width: number];
}

/** Per output index: lower and upper source index and the upper weight. */
function axisWeights(inSize: number, outSize: number) {
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const frac = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const s = Math.max(0, (o + 0.5) * scale - 0.5);
    lower[o] = Math.floor(s);
    upper[o] = Math.min(Math.ceil(s), inSize - 1);
    frac[o] = s - lower[o];
  }
  return { lower, upper, frac };
}

/**
 * Resize every image bilinearly with half-pixel centres (no antialiasing).
 *
 * @param set Source images `[N, H, W, C]`, bytes or floats.
 * @param options Output size.
 * @returns A new float32 set `[N, h, w, C]`.
 * @throws {RangeError} If an output dimension is not a positive integer.
 *
 * @example Halving averages 2×2 blocks
 * ```ts
 * import assert from "node:assert/strict";
 * import { resizeBilinear } from "./resize_bilinear.ts";
 * const set = { images: new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]), shape: [1, 4, 4, 1] as [number, number, number, number], labels: new Uint8Array(1) };
 * assert.deepEqual([...resizeBilinear(set, { size: [2, 2] }).images], [2.5, 4.5, 10.5, 12.5]);
 * ```
 */
export function resizeBilinear(
  set: ImageSet<PixelArray>,
  options: ResizeBilinearOptions,
): ImageSet<Float32Array> {
  const [n, h, w, c] = set.shape;
  const [oh, ow] = options.size;
  if (!(Number.isInteger(oh) && Number.isInteger(ow) && oh > 0 && ow > 0)) {
    throw new RangeError(
      `Cannot resize: expected a positive integer size, got ${oh}×${ow}`,
    );
  }
  const ys = axisWeights(h, oh);
  const xs = axisWeights(w, ow);
  const src = set.images;
  const images = new Float32Array(n * oh * ow * c);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const base = i * h * w * c;
    for (let y = 0; y < oh; y++) {
      const top = base + ys.lower[y] * w * c;
      const bottom = base + ys.upper[y] * w * c;
      const dy = ys.frac[y];
      for (let x = 0; x < ow; x++) {
        const left = xs.lower[x] * c;
        const right = xs.upper[x] * c;
        const dx = xs.frac[x];
        for (let k = 0; k < c; k++) {
          const tl = src[top + left + k];
          const tr = src[top + right + k];
          const bl = src[bottom + left + k];
          const br = src[bottom + right + k];
          const t = tl + (tr - tl) * dx;
          const b = bl + (br - bl) * dx;
          images[out++] = t + (b - t) * dy;
        }
      }
    }
  }
  return { images, shape: [n, oh, ow, c], labels: set.labels };
}
