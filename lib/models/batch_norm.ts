/**
 * 2-D batch normalisation as PyTorch's `nn.BatchNorm2d` (Ioffe & Szegedy,
 * arXiv 1502.03167, Alg. 1): in training, normalise with the batch's mean and
 * biased variance over (B, H, W) and update the running statistics
 *
 *   μ_run ← (1 − m)·μ_run + m·μ_B,   σ²_run ← (1 − m)·σ²_run + m·σ²_B·n/(n − 1)
 *
 * (momentum m = 0.1, unbiased variance in the running estimate); in inference,
 * normalise with the running statistics.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createRng } from "../runtime/mod.ts";
import { initVariable, type ModelVariable } from "./model.ts";

/** Options of {@linkcode batchNorm2d}. */
export interface BatchNorm2dOptions {
  /** Momentum m of the running statistics. @default {0.1} */
  momentum?: number;
  /** ε added to the variance. @default {1e-5} */
  epsilon?: number;
}

/** A batch-norm layer: γ, β (trainable) and running μ, σ² (not). */
export interface BatchNorm2d {
  /** `<name>/gamma`, `<name>/beta`, `<name>/running_mean`, `<name>/running_var`. */
  variables: ModelVariable[];
  /**
   * Normalises `x: [B, H, W, C]` per channel.
   *
   * @param x Input.
   * @param options Training mode uses and updates batch statistics.
   * @returns The normalised tensor, same shape.
   */
  apply(x: tf.Tensor4D, options: { training: boolean }): tf.Tensor4D;
}

/**
 * Creates a BatchNorm2d layer (γ = 1, β = 0, μ_run = 0, σ²_run = 1).
 *
 * @param name Variable-name prefix.
 * @param nChannels Channels C.
 * @param options Momentum and ε.
 * @returns The layer.
 *
 * @example Training mode normalises each channel to mean 0
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { batchNorm2d } from "./batch_norm.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * const bn = batchNorm2d("bn", 1);
 * const y = bn.apply(tf.tensor4d([1, 2, 3, 6], [4, 1, 1, 1]), { training: true });
 * assert.ok(Math.abs(tf.mean(y).dataSync()[0]) < 1e-6);
 * assert.ok(Math.abs(bn.variables[2].variable.dataSync()[0] - 0.3) < 1e-6);
 * ```
 */
export function batchNorm2d(
  name: string,
  nChannels: number,
  options: BatchNorm2dOptions = {},
): BatchNorm2d {
  const { momentum = 0.1, epsilon = 1e-5 } = options;
  const rng = createRng(0); // constants only; no draws
  const constant = (value: number) => ({ kind: "constant", value }) as const;
  const [gamma, beta, mean, variance] = [
    initVariable(`${name}/gamma`, [nChannels], { init: constant(1), rng }),
    initVariable(`${name}/beta`, [nChannels], { init: constant(0), rng }),
    initVariable(`${name}/running_mean`, [nChannels], {
      init: constant(0),
      rng,
      trainable: false,
    }),
    initVariable(`${name}/running_var`, [nChannels], {
      init: constant(1),
      rng,
      trainable: false,
    }),
  ];
  return {
    variables: [gamma, beta, mean, variance],
    apply(x, { training }) {
      if (!training) {
        return tf.batchNorm(
          x,
          mean.variable,
          variance.variable,
          beta.variable,
          gamma.variable,
          epsilon,
        ) as tf.Tensor4D;
      }
      const moments = tf.moments(x, [0, 1, 2]);
      const n = x.size / nChannels;
      tf.tidy(() => {
        mean.variable.assign(tf.add(
          tf.mul(mean.variable, 1 - momentum),
          tf.mul(moments.mean, momentum),
        ));
        variance.variable.assign(tf.add(
          tf.mul(variance.variable, 1 - momentum),
          tf.mul(moments.variance, (momentum * n) / Math.max(n - 1, 1)),
        ));
      });
      return tf.batchNorm(
        x,
        moments.mean,
        moments.variance,
        beta.variable,
        gamma.variable,
        epsilon,
      ) as tf.Tensor4D;
    },
  };
}
