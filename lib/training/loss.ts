/**
 * Classification losses on logits, averaged over the batch.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";

/** Which loss {@linkcode classificationLoss} computes. */
export type LossKind = "cross_entropy" | "binary_cross_entropy";

/**
 * Mean loss of a batch of logits.
 *
 * - `"cross_entropy"`: −(1/B) Σ_b log softmax(z_b)[y_b] (PyTorch `CrossEntropyLoss`), z: `[B, C]`.
 * - `"binary_cross_entropy"`: (1/B) Σ_b max(z,0) − z·y + log(1 + e^{−|z|}) (`BCEWithLogitsLoss`), z: `[B, 1]`.
 *
 * @param logits Model outputs.
 * @param options `labels` (int32 `[B]`) and `kind`.
 * @returns The scalar loss.
 *
 * @example Uniform logits give log C
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { classificationLoss } from "./loss.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * const loss = classificationLoss(tf.zeros([2, 4]), { labels: tf.tensor1d([0, 3], "int32") });
 * assert.ok(Math.abs(loss.dataSync()[0] - Math.log(4)) < 1e-6);
 * ```
 */
export function classificationLoss(
  logits: tf.Tensor,
  options: { labels: tf.Tensor1D; kind?: LossKind },
): tf.Scalar {
  const { labels, kind = "cross_entropy" } = options;
  return tf.tidy(() => {
    if (kind === "binary_cross_entropy") {
      const z = tf.reshape(logits, [-1]);
      const y = tf.cast(labels, "float32");
      const perSample = tf.add(
        tf.sub(tf.relu(z), tf.mul(z, y)),
        tf.log1p(tf.exp(tf.neg(tf.abs(z)))),
      );
      return tf.mean(perSample);
    }
    const nC = logits.shape[1] as number;
    const oneHot = tf.oneHot(labels, nC);
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)));
  });
}
