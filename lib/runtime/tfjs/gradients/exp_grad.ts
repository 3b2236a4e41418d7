/**
 * Gradient of `Exp` that saves the input instead of tfjs's saved output, so
 * the gradient stays connected to x on the tape and second-order gradients
 * (a `tf.grad` of a function that calls `tf.grad`) are right:
 *   ∂exp(x)/∂x = exp(x)
 * tfjs 4.22's config multiplies dy by the saved output, a clone the tape
 * does not link back to x (the nested gradient throws or drops the term).
 *
 * @module
 */

import {
  Exp,
  exp,
  type GradConfig,
  mul,
  type Tensor,
} from "@tensorflow/tfjs-core";

/**
 * Gradient config for the `Exp` kernel (input `x`), recomputing exp(x).
 *
 * @example Second derivative of exp
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../init_backend.ts";
 * await initBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.exp(u)))(x)));
 * const d2 = g(tf.tensor1d([0, 1])).dataSync();
 * assert.ok(Math.abs(d2[0] - 1) < 1e-6 && Math.abs(d2[1] - Math.E) < 1e-5);
 * ```
 */
export const expGradConfig: GradConfig = {
  kernelName: Exp,
  inputsToSave: ["x"],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [x] = saved;
    return { x: () => mul(dy as Tensor, exp(x)) };
  },
};
