/**
 * Decoder for a CIFAR-10 binary batch (Krizhevsky 2009, "binary version"):
 * records of 3073 bytes, one label byte (0–9) then the red, green and blue
 * 32×32 planes, each row-major. The decoder interleaves the planes into NHWC.
 *
 * @module
 */

import { payloadOf } from "./_bytes.ts";
import { DatasetError } from "./dataset_error.ts";
import type { ImageSet } from "./sample_set.ts";

const SIDE = 32;
const PLANE = SIDE * SIDE; // 1024
const RECORD = 1 + 3 * PLANE; // 3073

/** Options of {@linkcode decodeCifar10Batch}. */
export interface DecodeCifar10Options {
  /** File name for error messages. */
  file: string;
}

/**
 * Decode a CIFAR-10 binary batch, gzip-wrapped or raw, into NHWC images.
 *
 * @param bytes The file's content: N records of 3073 bytes.
 * @param options File name for messages.
 * @returns `[N, 32, 32, 3]` uint8 images and their labels.
 * @throws {DatasetError} If the length is not a positive multiple of 3073 or a
 * label is above 9.
 *
 * @example One record: label 7, red plane all 1, green 2, blue 3
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeCifar10Batch } from "./cifar10_batch.ts";
 * const rec = new Uint8Array(3073);
 * rec[0] = 7;
 * rec.fill(1, 1, 1025).fill(2, 1025, 2049).fill(3, 2049);
 * const set = decodeCifar10Batch(rec, { file: "one.bin" });
 * assert.deepEqual(set.shape, [1, 32, 32, 3]);
 * assert.deepEqual([...set.images.subarray(0, 6)], [1, 2, 3, 1, 2, 3]);
 * assert.equal(set.labels[0], 7);
 * ```
 */
export function decodeCifar10Batch(
  bytes: Uint8Array,
  options: DecodeCifar10Options,
): ImageSet {
  const { file } = options;
  const payload = payloadOf(bytes, file);
  const n = Math.floor(payload.length / RECORD);
  if (n === 0 || payload.length !== n * RECORD) {
    throw new DatasetError(
      `Cannot read "${file}": expected a positive multiple of ${RECORD} bytes (records of 1 label + 3×32×32 pixels), got ${payload.length}`,
    );
  }
  const images = new Uint8Array(n * 3 * PLANE);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const rec = i * RECORD;
    const label = payload[rec];
    if (label > 9) {
      throw new DatasetError(
        `Cannot read "${file}": expected labels 0–9, got ${label} in record ${i}`,
      );
    }
    labels[i] = label;
    const out = i * 3 * PLANE;
    // planes R, G, B [3, 32, 32] → interleaved [32, 32, 3]
    const r = rec + 1, g = r + PLANE, b = g + PLANE;
    for (let p = 0, o = out; p < PLANE; p++, o += 3) {
      images[o] = payload[r + p];
      images[o + 1] = payload[g + p];
      images[o + 2] = payload[b + p];
    }
  }
  return { images, shape: [n, SIDE, SIDE, 3], labels };
}
