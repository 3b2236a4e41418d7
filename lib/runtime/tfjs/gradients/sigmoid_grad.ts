/**
 * Gradient of `Sigmoid` that saves the input instead of tfjs's saved output,
 * so second-order gradients pass through it:
 *   ∂σ(x)/∂x = σ(x)·(1 − σ(x))
 * tfjs 4.22's config uses the saved output, a clone the tape does not link
 * back to x (the nested gradient throws or drops the term).
 *
 * @module
 */

import {
  type GradConfig,
  mul,
  scalar,
  Sigmoid,
  sigmoid,
  sub,
  type Tensor,
} from "@tensorflow/tfjs-core";

/**
 * Gradient config for the `Sigmoid` kernel (input `x`), recomputing σ(x).
 *
 * @example Second derivative of the sigmoid: σ'' = σ(1 − σ)(1 − 2σ)
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../init_backend.ts";
 * await initBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.sigmoid(u)))(x)));
 * const s = 1 / (1 + Math.exp(-1));
 * const d2 = g(tf.tensor1d([1])).dataSync()[0];
 * assert.ok(Math.abs(d2 - s * (1 - s) * (1 - 2 * s)) < 1e-6);
 * ```
 */
export const sigmoidGradConfig: GradConfig = {
  kernelName: Sigmoid,
  inputsToSave: ["x"],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [x] = saved;
    return {
      x: () => {
        const y = sigmoid(x);
        return mul(dy as Tensor, mul(y, sub(scalar(1), y)));
      },
    };
  },
};
