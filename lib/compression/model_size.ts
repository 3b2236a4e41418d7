/**
 * Stored versus non-zero parameters and model bytes (issue 8 "Honest
 * metrics"): the published pipeline leaves every tensor dense and full-shape
 * (notes §6), so stored parameters only fall for factorized layers.
 *
 * @module
 */

import type { Model } from "../models/mod.ts";

/** What {@linkcode modelSize} returns. */
export interface ModelSize {
  /** Trainable scalars stored (what `count_parameters` prints). */
  storedParams: number;
  /** Trainable scalars that are not exactly zero. */
  nonZeroParams: number;
  /** Bytes of all variables (trainable and BatchNorm statistics) as float32. */
  sizeBytes: number;
}

/**
 * Measures a model's parameters and bytes.
 *
 * @param model The model.
 * @returns Stored and non-zero parameter counts and float32 bytes.
 *
 * @example One trainable tensor with a zero, one statistics tensor
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { modelSize } from "./model_size.ts";
 * const variables = [
 *   { name: "w", variable: tf.variable(tf.tensor1d([0, 2, 3])), trainable: true },
 *   { name: "mean", variable: tf.variable(tf.tensor1d([1]), false), trainable: false },
 * ];
 * const model = { name: "m", variables, apply: (x: tf.Tensor4D) => tf.reshape(x, [1, -1]) as tf.Tensor2D };
 * assert.deepEqual(modelSize(model), { storedParams: 3, nonZeroParams: 2, sizeBytes: 16 });
 * ```
 */
export function modelSize(model: Model): ModelSize {
  let storedParams = 0;
  let nonZeroParams = 0;
  let scalars = 0;
  for (const v of model.variables) {
    scalars += v.variable.size;
    if (!v.trainable) continue;
    storedParams += v.variable.size;
    const data = v.variable.dataSync();
    for (let i = 0; i < data.length; i++) if (data[i] !== 0) nonZeroParams++;
  }
  return { storedParams, nonZeroParams, sizeBytes: 4 * scalars };
}
