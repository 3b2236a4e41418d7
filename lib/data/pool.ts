/**
 * Average and max pooling of every image, per channel. Regions are either a
 * fixed window (`kernel`, `stride`; windows that do not fit are dropped, as
 * TorchQuantum's `avg_pool2d(x, 6)` drops MNIST's last 4 rows) or an output
 * size with PyTorch's adaptive bins [⌊iH/h⌋, ⌈(i+1)H/h⌉) (kd notes §5: "split
 * the image into 2^Q regions").
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";

/** Options of {@linkcode avgPool} and {@linkcode maxPool}: give `size` or `kernel`. */
export interface PoolOptions {
  /** Output `[height, width]` with adaptive bins. */
  size?: [height: number, width: number];
  /** Window `[height, width]`. */
  kernel?: [height: number, width: number];
  /** Step between windows. @default {kernel} */
  stride?: [height: number, width: number];
}

/** Start and end (exclusive) of each region along one axis. */
function bins(
  inSize: number,
  axis: 0 | 1,
  options: PoolOptions,
): [Int32Array, Int32Array] {
  const { size, kernel } = options;
  const nOut = size !== undefined
    ? size[axis]
    : Math.floor((inSize - kernel![axis]) / (options.stride ?? kernel!)[axis]) +
      1;
  if (!(Number.isInteger(nOut) && nOut >= 1 && nOut <= inSize)) {
    throw new RangeError(
      `Cannot pool ${inSize} pixels: expected 1…${inSize} regions, got ${nOut}`,
    );
  }
  const start = new Int32Array(nOut);
  const end = new Int32Array(nOut);
  for (let o = 0; o < nOut; o++) {
    if (size !== undefined) {
      start[o] = Math.floor((o * inSize) / nOut);
      end[o] = Math.ceil(((o + 1) * inSize) / nOut);
    } else {
      start[o] = o * (options.stride ?? kernel!)[axis];
      end[o] = start[o] + kernel![axis];
    }
  }
  return [start, end];
}

function pool(
  set: ImageSet<PixelArray>,
  options: PoolOptions,
  mode: "avg" | "max",
): ImageSet<Float32Array> {
  if ((options.size === undefined) === (options.kernel === undefined)) {
    throw new RangeError(
      "Cannot pool: expected exactly one of size and kernel, got " +
        (options.size === undefined ? "neither" : "both"),
    );
  }
  const [n, h, w, c] = set.shape;
  const [y0, y1] = bins(h, 0, options);
  const [x0, x1] = bins(w, 1, options);
  const oh = y0.length;
  const ow = x0.length;
  const src = set.images;
  const images = new Float32Array(n * oh * ow * c);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const base = i * h * w * c;
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const count = (y1[y] - y0[y]) * (x1[x] - x0[x]);
        for (let k = 0; k < c; k++) {
          let acc = mode === "max" ? -Infinity : 0;
          for (let r = y0[y]; r < y1[y]; r++) {
            const row = base + r * w * c + k;
            for (let q = x0[x]; q < x1[x]; q++) {
              const v = src[row + q * c];
              acc = mode === "max" ? (v > acc ? v : acc) : acc + v;
            }
          }
          images[out++] = mode === "max" ? acc : acc / count;
        }
      }
    }
  }
  return { images, shape: [n, oh, ow, c], labels: set.labels };
}

/**
 * Average of each region, per channel.
 *
 * @param set Source images `[N, H, W, C]`.
 * @param options Output size (adaptive bins) or window and stride.
 * @returns A new float32 set `[N, h, w, C]`.
 * @throws {RangeError} If neither or both of `size` and `kernel` are given, or
 * the regions do not fit.
 *
 * @example 4×4 to 2×2
 * ```ts
 * import assert from "node:assert/strict";
 * import { avgPool } from "./pool.ts";
 * const set = { images: Uint8Array.from({ length: 16 }, (_, i) => i), shape: [1, 4, 4, 1] as [number, number, number, number], labels: new Uint8Array(1) };
 * assert.deepEqual([...avgPool(set, { size: [2, 2] }).images], [2.5, 4.5, 10.5, 12.5]);
 * ```
 */
export function avgPool(
  set: ImageSet<PixelArray>,
  options: PoolOptions,
): ImageSet<Float32Array> {
  return pool(set, options, "avg");
}

/**
 * Maximum of each region, per channel.
 *
 * @param set Source images `[N, H, W, C]`.
 * @param options Output size (adaptive bins) or window and stride.
 * @returns A new float32 set `[N, h, w, C]`.
 * @throws {RangeError} If neither or both of `size` and `kernel` are given, or
 * the regions do not fit.
 *
 * @example 4×4 to 2×2
 * ```ts
 * import assert from "node:assert/strict";
 * import { maxPool } from "./pool.ts";
 * const set = { images: Uint8Array.from({ length: 16 }, (_, i) => i), shape: [1, 4, 4, 1] as [number, number, number, number], labels: new Uint8Array(1) };
 * assert.deepEqual([...maxPool(set, { kernel: [2, 2] }).images], [5, 7, 13, 15]);
 * ```
 */
export function maxPool(
  set: ImageSet<PixelArray>,
  options: PoolOptions,
): ImageSet<Float32Array> {
  return pool(set, options, "max");
}
