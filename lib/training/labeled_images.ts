/**
 * The dataset shape the training loop consumes (structurally the same as
 * `ImageSet` from `lib/data`), and batch extraction from it into a reused
 * float buffer.
 *
 * @module
 */

/** Images in NHWC order with one class label per image. */
export interface LabeledImages {
  /** Pixels: bytes (scaled by 1/255) or floats (used as they are). */
  images: Uint8Array | Float32Array;
  /** `[N, H, W, C]`. */
  shape: [n: number, height: number, width: number, channels: number];
  /** Class index per image (0/1 for binary tasks). */
  labels: Uint8Array;
}

/**
 * Copies the images `indices[start … start+B)` into `out` (as floats, bytes
 * scaled to [0, 1]) and their labels into `labelsOut`.
 *
 * @param set Source images.
 * @param options Index order, batch window and output buffers.
 * @returns Number of images copied (B, smaller for a final partial batch).
 * @throws {RangeError} If `out` is too small for the batch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gatherBatch } from "./labeled_images.ts";
 * const set = { images: new Uint8Array([0, 255, 51]), shape: [3, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([0, 1, 2]) };
 * const out = new Float32Array(2);
 * const labelsOut = new Int32Array(2);
 * const n = gatherBatch(set, { indices: [2, 1, 0], start: 0, batchSize: 2, out, labelsOut });
 * assert.equal(n, 2);
 * assert.deepEqual(Array.from(out), [Math.fround(0.2), 1]);
 * assert.deepEqual(Array.from(labelsOut), [2, 1]);
 * ```
 */
export function gatherBatch(
  set: LabeledImages,
  options: {
    indices: ArrayLike<number>;
    start: number;
    batchSize: number;
    out: Float32Array;
    labelsOut: Int32Array;
  },
): number {
  const { indices, start, batchSize, out, labelsOut } = options;
  const size = set.shape[1] * set.shape[2] * set.shape[3];
  const n = Math.min(batchSize, indices.length - start);
  if (out.length < n * size) {
    throw new RangeError(
      `Cannot gather batch: expected an output buffer of ${
        n * size
      } floats, got ${out.length}`,
    );
  }
  const scale = set.images instanceof Uint8Array ? 1 / 255 : 1;
  for (let b = 0; b < n; b++) {
    const i = indices[start + b];
    const src = set.images.subarray(i * size, (i + 1) * size);
    const base = b * size;
    if (scale === 1) {
      out.set(src, base);
    } else {
      for (let k = 0; k < size; k++) out[base + k] = src[k] * scale;
    }
    labelsOut[b] = set.labels[i];
  }
  return n;
}
