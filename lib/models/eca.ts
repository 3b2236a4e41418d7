/**
 * Efficient Channel Attention (Wang et al., arXiv 1910.03151) as the QIANets
 * scripts build it (research notes `qianets.md` §3 "ECA"):
 *
 *   y = GAP(x) ∈ ℝ^C → 1-D conv across channels (kernel k, no bias, zero
 *   padding (k−1)/2) → σ → x ⊙ y (channel-wise)
 *
 * with k = t if t is odd else t + 1, t = ⌊|(log₂C + 1)/2|⌋, so k = 5 for
 * C = 1024 and C = 1280.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createRng, type Rng } from "../runtime/mod.ts";
import { initVariable, type ModelVariable } from "./model.ts";

/**
 * ECA's adaptive kernel size: t = ⌊|(log₂C + 1)/2|⌋, k = t if odd else t + 1.
 *
 * @param nChannels Channels C.
 * @returns The odd kernel size k.
 *
 * @example k = 5 for the QIANets heads
 * ```ts
 * import assert from "node:assert/strict";
 * import { ecaKernelSize } from "./eca.ts";
 * assert.equal(ecaKernelSize(1024), 5);
 * assert.equal(ecaKernelSize(1280), 5);
 * assert.equal(ecaKernelSize(64), 3);
 * ```
 */
export function ecaKernelSize(nChannels: number): number {
  const t = Math.floor(Math.abs((Math.log2(nChannels) + 1) / 2));
  return t % 2 === 1 ? t : t + 1;
}

/** Options of {@linkcode eca}. */
export interface EcaOptions {
  /** Kernel size k. @default {ecaKernelSize(C)} */
  kernelSize?: number;
  /** Initial-weight stream (PyTorch Conv1d default U(±1/√k)). @default {createRng(0)} */
  rng?: Rng;
}

/** A gate on NHWC maps with its variables. */
export interface EcaLayer {
  /** `<name>/kernel`, shape `[k, 1, 1]`. */
  variables: ModelVariable[];
  /**
   * Gates x channel-wise.
   *
   * @param x `[B, H, W, C]`.
   * @returns x ⊙ σ(conv1d(GAP(x))), same shape.
   */
  apply(x: tf.Tensor4D): tf.Tensor4D;
}

/**
 * Builds an ECA gate.
 *
 * @param name Variable prefix.
 * @param nChannels Channels C.
 * @param options Kernel size and rng.
 * @returns The layer.
 * @throws {RangeError} If the kernel size is not a positive odd integer.
 *
 * @example A zero kernel gates every channel by σ(0) = ½
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { eca } from "./eca.ts";
 * const layer = eca("eca", 4);
 * layer.variables[0].variable.assign(tf.zeros([1, 1, 1])); // k = 1 for C = 4
 * const y = layer.apply(tf.ones([1, 1, 1, 4]) as tf.Tensor4D);
 * assert.deepEqual(Array.from(y.dataSync()), [0.5, 0.5, 0.5, 0.5]);
 * ```
 */
export function eca(
  name: string,
  nChannels: number,
  options: EcaOptions = {},
): EcaLayer {
  const { kernelSize: k = ecaKernelSize(nChannels), rng = createRng(0) } =
    options;
  if (!Number.isInteger(k) || k < 1 || k % 2 === 0) {
    throw new RangeError(
      `Cannot build ECA "${name}": expected a positive odd kernel size, got ${k}`,
    );
  }
  const w = initVariable(`${name}/kernel`, [k, 1, 1], {
    init: { kind: "uniform", bound: 1 / Math.sqrt(k) },
    rng,
  });
  return {
    variables: [w],
    apply(x) {
      const [b, , , c] = x.shape;
      const y = tf.reshape(tf.mean(x, [1, 2]), [b, c, 1]) as tf.Tensor3D; // channels as a sequence
      const z = tf.conv1d(y, w.variable as tf.Tensor3D, 1, "same"); // odd k: pad (k−1)/2 each side
      return tf.mul(x, tf.reshape(tf.sigmoid(z), [b, 1, 1, c]));
    },
  };
}
