/**
 * Gradient of `Softmax` that saves the logits instead of tfjs's saved output,
 * so second-order gradients (Hessian-vector products) pass through it:
 *   y = softmax(z),  ∂L/∂z = (dy − Σ_dim dy·y)·y
 * tfjs 4.22's config uses the saved output, a clone the tape does not link
 * back to z (the nested gradient throws or drops the term).
 *
 * @module
 */

import {
  type GradConfig,
  mul,
  type NamedAttrMap,
  Softmax,
  softmax,
  type SoftmaxAttrs,
  sub,
  sum,
  type Tensor,
} from "@tensorflow/tfjs-core";

/**
 * Gradient config for the `Softmax` kernel (input `logits`), recomputing
 * the softmax from the logits.
 *
 * @example First derivative unchanged: softmax of equal logits
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../init_backend.ts";
 * await initBackend("cpu");
 * const w = tf.tensor2d([[1, 0]]);
 * const g = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(tf.softmax(z), w)));
 * const d = g(tf.tensor2d([[0, 0]])).dataSync();
 * assert.ok(Math.abs(d[0] - 0.25) < 1e-6 && Math.abs(d[1] + 0.25) < 1e-6);
 * ```
 */
export const softmaxGradConfig: GradConfig = {
  kernelName: Softmax,
  inputsToSave: ["logits"],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [logits] = saved;
    const { dim } = attrs as unknown as SoftmaxAttrs;
    return {
      logits: () => {
        const y = softmax(logits, dim);
        const dyTimesY = mul(dy as Tensor, y);
        return sub(dyTimesY, mul(sum(dyTimesY, [dim], true), y));
      },
    };
  },
};
