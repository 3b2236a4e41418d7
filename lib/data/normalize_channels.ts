/**
 * Per-channel normalisation x' = (x − mean_c) / std_c, with the statistics
 * given (e.g. QDD's MNIST 0.1307 / 0.3081, notes §3) or measured on the
 * training split by {@linkcode channelStats}.
 *
 * @module
 */

import type { ImageSet, PixelArray } from "./sample_set.ts";

/** Per-channel statistics. */
export interface ChannelStats {
  /** Mean per channel. */
  mean: number[];
  /** Population standard deviation per channel. */
  std: number[];
}

/**
 * Mean and population standard deviation of each channel over all pixels of
 * all images (compute them on the training split only).
 *
 * @param set Images `[N, H, W, C]`.
 * @returns `C` means and standard deviations.
 * @throws {RangeError} If the set is empty.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { channelStats } from "./normalize_channels.ts";
 * const set = { images: new Float32Array([0, 10, 2, 10]), shape: [1, 1, 2, 2] as [number, number, number, number], labels: new Uint8Array(1) };
 * assert.deepEqual(channelStats(set), { mean: [1, 10], std: [1, 0] });
 * ```
 */
export function channelStats(set: ImageSet<PixelArray>): ChannelStats {
  const c = set.shape[3];
  const count = set.images.length / c;
  if (count === 0) {
    throw new RangeError(
      "Cannot compute channel statistics: expected at least one pixel, got 0",
    );
  }
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  const src = set.images;
  for (let i = 0; i < src.length; i += c) {
    for (let k = 0; k < c; k++) {
      sum[k] += src[i + k];
    }
  }
  const mean = Array.from(sum, (s) => s / count);
  for (let i = 0; i < src.length; i += c) {
    for (let k = 0; k < c; k++) {
      const d = src[i + k] - mean[k];
      sumSq[k] += d * d;
    }
  }
  return { mean, std: Array.from(sumSq, (s) => Math.sqrt(s / count)) };
}

/**
 * Normalise each channel: x' = (x − mean_c) / std_c.
 *
 * @param set Images `[N, H, W, C]`.
 * @param stats `C` means and standard deviations.
 * @returns A new float32 set.
 * @throws {RangeError} If the statistics do not have `C` entries or a std is not positive.
 *
 * @example Two channels
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeChannels } from "./normalize_channels.ts";
 * const set = { images: new Float32Array([1, 1]), shape: [1, 1, 1, 2] as [number, number, number, number], labels: new Uint8Array(1) };
 * const out = normalizeChannels(set, { mean: [0.5, 2], std: [0.25, 4] });
 * assert.deepEqual([...out.images], [2, -0.25]);
 * ```
 */
export function normalizeChannels(
  set: ImageSet<PixelArray>,
  stats: ChannelStats,
): ImageSet<Float32Array> {
  const c = set.shape[3];
  const { mean, std } = stats;
  if (mean.length !== c || std.length !== c || std.some((s) => !(s > 0))) {
    throw new RangeError(
      `Cannot normalise ${c} channels: expected ${c} means and ${c} positive stds, got ${mean.length} and [${
        std.join(", ")
      }]`,
    );
  }
  const src = set.images;
  const images = new Float32Array(src.length);
  for (let i = 0; i < src.length; i += c) {
    for (let k = 0; k < c; k++) images[i + k] = (src[i + k] - mean[k]) / std[k];
  }
  return { images, shape: [...set.shape], labels: set.labels };
}
