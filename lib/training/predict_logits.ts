/**
 * Inference-mode logits of a whole dataset, e.g. a frozen teacher's logits on
 * the students' training images, computed once (research notes `kd.md` §3:
 * the teacher runs in eval mode under `no_grad`).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../models/mod.ts";
import { gatherBatch, type LabeledImages } from "./labeled_images.ts";

/**
 * Runs a model over a dataset in inference mode.
 *
 * @param model The model.
 * @param set Images (labels are ignored).
 * @param options Images per forward pass.
 * @returns Logits row-major `[N, C]` and their shape.
 * @throws {RangeError} If the set is empty.
 *
 * @example A model that returns its input pixels
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { predictLogits } from "./predict_logits.ts";
 * const model = { name: "id", variables: [], apply: (x: tf.Tensor4D) => tf.reshape(x, [x.shape[0], 2]) as tf.Tensor2D };
 * const set = { images: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 1, 2, 1] as [number, number, number, number], labels: new Uint8Array(3) };
 * const { logits, shape } = await predictLogits(model, set, { batchSize: 2 });
 * assert.deepEqual(shape, [3, 2]);
 * assert.deepEqual([...logits], [1, 2, 3, 4, 5, 6]);
 * ```
 */
export async function predictLogits(
  model: Model,
  set: LabeledImages,
  { batchSize = 256 }: { batchSize?: number } = {},
): Promise<{ logits: Float32Array; shape: [n: number, nClasses: number] }> {
  const [n, h, w, c] = set.shape;
  if (n === 0) {
    throw new RangeError(
      "Cannot predict logits: expected at least one image, got 0",
    );
  }
  const indices = Array.from({ length: n }, (_, i) => i);
  const buffer = new Float32Array(batchSize * h * w * c);
  const labels = new Int32Array(batchSize);
  let logits: Float32Array | undefined;
  let nClasses = 0;
  for (let start = 0; start < n; start += batchSize) {
    const nb = gatherBatch(set, {
      indices,
      start,
      batchSize,
      out: buffer,
      labelsOut: labels,
    });
    const z = tf.tidy(() =>
      model.apply(
        tf.tensor4d(buffer.subarray(0, nb * h * w * c), [nb, h, w, c]),
        {
          training: false,
        },
      )
    );
    nClasses = z.shape[1];
    logits ??= new Float32Array(n * nClasses);
    logits.set((await z.data()) as Float32Array, start * nClasses);
    z.dispose();
  }
  return { logits: logits!, shape: [n, nClasses] };
}
