/**
 * Gradient of `Elu` that saves the input instead of tfjs's saved output, so
 * second-order gradients pass through it:
 *   ∂elu(x)/∂x = 1 for x > 0, exp(x) otherwise
 * tfjs 4.22's config calls the `EluGrad` kernel on the saved output, a clone
 * the tape does not link back to x, and `EluGrad` has no gradient. exp is
 * taken of min(x, 0) so the masked branch never overflows (0·∞ = NaN).
 *
 * @module
 */

import {
  add,
  Elu,
  exp,
  type GradConfig,
  minimum,
  mul,
  scalar,
  step,
  sub,
  type Tensor,
} from "@tensorflow/tfjs-core";

/**
 * Gradient config for the `Elu` kernel (input `x`).
 *
 * @example Second derivative of elu is exp(x) for x < 0 and 0 above
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../init_backend.ts";
 * await initBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.elu(u)))(x)));
 * const d2 = g(tf.tensor1d([-1, 2])).dataSync();
 * assert.ok(Math.abs(d2[0] - Math.exp(-1)) < 1e-6 && d2[1] === 0);
 * ```
 */
export const eluGradConfig: GradConfig = {
  kernelName: Elu,
  inputsToSave: ["x"],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    const [x] = saved;
    const d = dy as Tensor;
    return {
      x: () => {
        // step has a (zero) gradient; greater/where would stop the tape.
        const pos = step(x);
        const neg = mul(sub(scalar(1), pos), exp(minimum(x, scalar(0))));
        return mul(d, add(pos, neg));
      },
    };
  },
};
