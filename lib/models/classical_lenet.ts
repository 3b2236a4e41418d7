/**
 * The classical LeNet baseline of dataset distillation (Wang et al. 2018,
 * arXiv 1811.10959; the `LeNet` of SsnL/dataset-distillation, qdd.md §3):
 *
 *   x → C1 conv5×5 6 → ReLU → max2 → C2 conv5×5 16 → ReLU → max2 → 400
 *     → F1 120 → ReLU → F2 84 → ReLU → F3 C
 *
 * 61,706 parameters on MNIST, 62,006 on CIFAR-10 (qdd.md §3 counts).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { dense, layerSpecs, trunk, trunkSpecs } from "./_lenet_trunk.ts";
import type { ParamNet } from "./param_net.ts";

/** Options of {@linkcode classicalLenet}. */
export interface ClassicalLenetOptions {
  /** Input channels: 1 (MNIST) or 3 (CIFAR-10). @default {1} */
  inChannels?: number;
  /** Input side: 28 or 32. @default {28} */
  inputSize?: number;
  /** Output classes. @default {10} */
  nClasses?: number;
}

/**
 * Builds the classical LeNet as a {@linkcode ParamNet}.
 *
 * @param options Input geometry and classes.
 * @returns The network; every parameter is trainable and re-sampled on reset.
 * @throws {RangeError} If the input size is not 28 or 32.
 *
 * @example Parameter count on MNIST (qdd.md §3)
 * ```ts
 * import assert from "node:assert/strict";
 * import { classicalLenet } from "./classical_lenet.ts";
 * const net = classicalLenet();
 * const n = net.specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
 * assert.equal(n, 61706);
 * ```
 */
export function classicalLenet(options: ClassicalLenetOptions = {}): ParamNet {
  const { inChannels = 1, inputSize = 28, nClasses = 10 } = options;
  return {
    name: "classical_lenet",
    specs: [
      ...trunkSpecs({ inChannels, inputSize }),
      ...layerSpecs("fc2", [120, 84]),
      ...layerSpecs("fc3", [84, nClasses]),
    ],
    apply(params, x) {
      return tf.tidy(() => {
        const h = trunk(params, x); // [B,120]
        const g = tf.relu(dense(h, params[6], params[7])) as tf.Tensor2D; // [B,84]
        return dense(g, params[8], params[9]); // [B,C]
      });
    },
  };
}
