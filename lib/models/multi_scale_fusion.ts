/**
 * The QIANets "multi-scale fusion" head (research notes `qianets.md` §3):
 *
 *   conv1×1 C → 512 (bias) → ReLU → conv3×3 pad 1, 512 → C (bias) → ECA(C)
 *
 * In the published ResNet and DenseNet scripts it acts on the pooled 1×1 map,
 * so the 3×3 conv uses only its centre tap: a channel MLP with a sigmoid
 * gate, nothing multi-scale. Built here exactly so, to count what it costs.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createRng, type Rng } from "../runtime/mod.ts";
import { conv, type ConvRank, type LayerContext } from "./_conv_layers.ts";
import { eca } from "./eca.ts";
import type { ModelVariable } from "./model.ts";

/** Options of {@linkcode multiScaleFusion}. */
export interface MultiScaleFusionOptions {
  /** Hidden channels (512 in the code; smaller only in `--profile smoke`). @default {512} */
  nHidden?: number;
  /** Initial-weight stream (PyTorch default init). @default {createRng(0)} */
  rng?: Rng;
  /** Which of its two convs to build factorized. @default {none} */
  convRank?: ConvRank;
}

/** The head with its variables. */
export interface MultiScaleFusion {
  /** Conv kernels and biases of `<name>/conv1`, `<name>/conv2`, then `<name>/eca/kernel`. */
  variables: ModelVariable[];
  /**
   * Applies the head.
   *
   * @param x `[B, H, W, C]`.
   * @returns `[B, H, W, C]`.
   */
  apply(x: tf.Tensor4D): tf.Tensor4D;
}

/**
 * Builds the multi-scale fusion head for C channels.
 *
 * @param name Variable prefix.
 * @param nChannels Channels C.
 * @param options Hidden width, rng and factorization.
 * @returns The head.
 *
 * @example Parameter count for C = 1024 (notes §6: 5,244,421 with its ECA)
 * ```ts
 * import assert from "node:assert/strict";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { multiScaleFusion } from "./multi_scale_fusion.ts";
 * const head = multiScaleFusion("msf", 1024);
 * assert.equal(head.variables.reduce((n, v) => n + v.variable.size, 0), 5244421);
 * ```
 */
export function multiScaleFusion(
  name: string,
  nChannels: number,
  options: MultiScaleFusionOptions = {},
): MultiScaleFusion {
  const { nHidden = 512, rng = createRng(0), convRank } = options;
  const ctx: LayerContext = { rng, variables: [], convRank };
  const conv1 = conv(ctx, `${name}/conv1`, {
    shape: [1, 1, nChannels, nHidden],
    bias: true,
  });
  const conv2 = conv(ctx, `${name}/conv2`, {
    shape: [3, 3, nHidden, nChannels],
    pad: 1,
    bias: true,
  });
  const gate = eca(`${name}/eca`, nChannels, { rng });
  return {
    variables: [...ctx.variables, ...gate.variables],
    apply(x) {
      return gate.apply(conv2(tf.relu(conv1(x, false)), false));
    },
  };
}
