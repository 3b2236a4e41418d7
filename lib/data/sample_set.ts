/**
 * The containers every loader and transform passes around: a batch of images
 * (or feature vectors) in one typed array, its shape, and one label per sample.
 *
 * @module
 */

/** Shape of an image batch, NHWC: samples, rows, columns, channels. */
export type ImageShape = [
  n: number,
  height: number,
  width: number,
  channels: number,
];

/** Pixel storage: raw bytes from a loader, or floats after scaling. */
export type PixelArray = Uint8Array | Float32Array;

/**
 * A batch of images in NHWC order (`images[((i·H + y)·W + x)·C + c]`) with one
 * label per image.
 */
export interface ImageSet<T extends PixelArray = Uint8Array> {
  /** Pixels, `shape[0]·shape[1]·shape[2]·shape[3]` values. */
  images: T;
  /** `[N, H, W, C]`. */
  shape: ImageShape;
  /** Class index per image, length `N`. */
  labels: Uint8Array;
}

/** A batch of feature vectors, row-major `[N, D]`, with one label per row. */
export interface FeatureSet {
  /** Values, `N·D` of them; row `i` is `features[i·D … (i+1)·D)`. */
  features: Float32Array;
  /** `[N, D]`. */
  shape: [n: number, d: number];
  /** Class index per row, length `N`. */
  labels: Uint8Array;
}

/**
 * Number of values in one image of a batch of this shape.
 *
 * @param shape `[N, H, W, C]`.
 * @returns `H·W·C`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { imageSize } from "./sample_set.ts";
 * assert.equal(imageSize([10, 28, 28, 1]), 784);
 * ```
 */
export function imageSize(shape: ImageShape): number {
  return shape[1] * shape[2] * shape[3];
}
