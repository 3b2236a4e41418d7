/**
 * Cross-entropy whose gradient can itself be differentiated, as the
 * hypergradients of dataset distillation need (qdd.md §2, §8).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";

/**
 * Mean cross-entropy −(1/B)·Σ_b Σ_c y_bc·log softmax(z_b)_c, built from ops
 * whose gradients are themselves differentiable in tfjs (its fused softmax
 * cross-entropy is a custom gradient, and `tf.exp`'s second derivative is
 * wrong, see below).
 *
 * @param logits z `[B, C]`.
 * @param oneHot y `[B, C]`.
 * @returns The scalar loss.
 *
 * @example Uniform logits cost log C
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../runtime/mod.ts";
 * import { crossEntropy } from "./second_order_cross_entropy.ts";
 * await initBackend("cpu");
 * const l = crossEntropy(tf.zeros([2, 4]), tf.oneHot(tf.tensor1d([1, 3], "int32"), 4) as tf.Tensor2D);
 * assert.ok(Math.abs(l.dataSync()[0] - Math.log(4)) < 1e-6);
 * ```
 */
export function crossEntropy(
  logits: tf.Tensor2D,
  oneHot: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    // The shift only guards exp against overflow and cancels in the value and
    // every derivative, so it enters as a constant: the gradient of tf.max
    // builds an `Equal`, which has no gradient for a second differentiation.
    const [b, c] = logits.shape, z = logits.dataSync(), m = new Float32Array(b);
    for (let i = 0; i < b; i++) {
      m[i] = -Infinity;
      for (let j = 0; j < c; j++) m[i] = Math.max(m[i], z[i * c + j]);
    }
    const shifted = tf.sub(logits, tf.tensor2d(m, [b, 1]));
    // e^z as expm1(z) + 1: the gradients of tfjs's Exp (and Sigmoid, Tanh)
    // read their saved output, a copy that a second differentiation does not
    // trace back to z, so second derivatives come out wrong; Expm1's gradient
    // recomputes exp from its input.
    const exp = tf.add(tf.expm1(shifted), 1);
    const logZ = tf.log(tf.sum(exp, 1, true));
    const logP = tf.sub(shifted, logZ);
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logP), 1))) as tf.Scalar;
  });
}
