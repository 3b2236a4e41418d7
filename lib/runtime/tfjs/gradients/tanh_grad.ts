/**
 * Gradient of `Tanh` that saves the input instead of tfjs's saved output, so
 * second-order gradients pass through it:
 *   ∂tanh(x)/∂x = 1 − tanh(x)²
 * tfjs 4.22's config uses the saved output, a clone the tape does not link
 * back to x (the nested gradient throws or drops the term).
 *
 * @module
 */

import {
  type GradConfig,
  mul,
  scalar,
  square,
  sub,
  Tanh,
  tanh,
  type Tensor,
} from "@tensorflow/tfjs-core";

/**
 * Gradient config for the `Tanh` kernel (input `x`), recomputing tanh(x).
 *
 * @example Second derivative of tanh: −2·tanh·(1 − tanh²)
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../init_backend.ts";
 * await initBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.tanh(u)))(x)));
 * const t = Math.tanh(0.5);
 * const d2 = g(tf.tensor1d([0.5])).dataSync()[0];
 * assert.ok(Math.abs(d2 + 2 * t * (1 - t * t)) < 1e-6);
 * ```
 */
export const tanhGradConfig: GradConfig = {
  kernelName: Tanh,
  inputsToSave: ["x"],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [x] = saved;
    return {
      x: () => mul(dy as Tensor, sub(scalar(1), square(tanh(x)))),
    };
  },
};
