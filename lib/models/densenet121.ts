/**
 * DenseNet-121 (Huang et al., arXiv 1608.06993, Table 1) as torchvision
 * builds it, and its QIANets variant (research notes `qianets.md` §3
 * "DenseNet-121", §6):
 *
 *   conv7×7/2 64 → BN → ReLU → maxpool3/2 pad 1
 *   → dense blocks of 6, 12, 24, 16 layers, growth k = 32, with transitions
 *     (BN → ReLU → conv1×1 to half the channels → avgpool2/2) between them
 *   → BN → ReLU → GAP [B, 1024]
 *   dense layer: h ↦ concat(h, conv3×3 k(ReLU(BN(conv1×1 4k(ReLU(BN(h)))))))
 *   baseline: → fc C                                     6,964,106 parameters for C = 10
 *   qianets:  → MSF(1024) → ECA(1024) on the 1×1 map → fc C   12,208,532
 *
 * The QIANets head is the one the published `densenet.py` evidently intends
 * (its classifier crashes, notes §3): the single-fc reading of notes §6,
 * whose count is 12,208,532. The published code skips the final ReLU before
 * pooling; torchvision applies it, and so does this file.
 * Deviation, stated: Kaiming normal (fan_out) init for all backbone convs.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createRng, type Rng } from "../runtime/mod.ts";
import {
  batchNorm,
  conv,
  type ConvRank,
  type Layer,
  type LayerContext,
  linear,
} from "./_conv_layers.ts";
import { eca } from "./eca.ts";
import type { Model } from "./model.ts";
import { multiScaleFusion } from "./multi_scale_fusion.ts";

/** Dense layers per block (DenseNet-121). */
const BLOCK_CONFIG = [6, 12, 24, 16];

/** Options of {@linkcode densenet121}. */
export interface Densenet121Options {
  /** Output classes C. @default {10} */
  nClasses?: number;
  /** Input channels. @default {3} */
  inChannels?: number;
  /** Classifier: plain fc, or the QIANets MSF + ECA head before it. @default {"baseline"} */
  head?: "baseline" | "qianets";
  /** Multiplies growth rate, stem width and head width (only `--profile smoke` uses < 1). @default {1} */
  widthScale?: number;
  /** Convs to build factorized, by name and shape. @default {none} */
  convRank?: ConvRank;
  /** Initial-weight stream. @default {createRng(0)} */
  rng?: Rng;
}

/**
 * Builds DenseNet-121, baseline or QIANets.
 *
 * @param options Classes, head, width, factorization and rng.
 * @returns The model; `apply` takes `[B, H, W, C]` (H, W ≥ 32) and returns logits `[B, C]`.
 * @throws {RangeError} If `widthScale` is not positive.
 *
 * @example torchvision's count with a 10-class fc (notes §6)
 * ```ts
 * import assert from "node:assert/strict";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { countParams, densenet121 } from "./mod.ts";
 * assert.equal(countParams(densenet121()), 6964106);
 * ```
 */
export function densenet121(options: Densenet121Options = {}): Model {
  const {
    nClasses = 10,
    inChannels = 3,
    head = "baseline",
    widthScale = 1,
    convRank,
  } = options;
  if (!(widthScale > 0)) {
    throw new RangeError(
      `Cannot build DenseNet-121: expected widthScale > 0, got ${widthScale}`,
    );
  }
  const rng = options.rng ?? createRng(0);
  const ctx: LayerContext = { rng, variables: [], convRank };
  const growth = Math.max(1, Math.round(32 * widthScale)); // k
  const bnRelu = (name: string, c: number): Layer => {
    const bn = batchNorm(ctx, name, { nChannels: c });
    return (x, t) => tf.relu(bn(x, t));
  };
  const denseLayer = (name: string, nIn: number): Layer => {
    const norm1 = bnRelu(`${name}/norm1`, nIn);
    const conv1 = conv(ctx, `${name}/conv1`, {
      shape: [1, 1, nIn, 4 * growth],
    });
    const norm2 = bnRelu(`${name}/norm2`, 4 * growth);
    const conv2 = conv(ctx, `${name}/conv2`, {
      shape: [3, 3, 4 * growth, growth],
      pad: 1,
    });
    return (x, t) =>
      tf.concat([x, conv2(norm2(conv1(norm1(x, t), t), t), t)], 3);
  };

  let c = Math.max(1, Math.round(64 * widthScale));
  const conv0 = conv(ctx, "conv0", {
    shape: [7, 7, inChannels, c],
    stride: 2,
    pad: 3,
  });
  const norm0 = bnRelu("norm0", c);
  const stages: Layer[] = [];
  BLOCK_CONFIG.forEach((nLayers, b) => {
    for (let l = 0; l < nLayers; l++) {
      stages.push(denseLayer(`denseblock${b + 1}/denselayer${l + 1}`, c));
      c += growth;
    }
    if (b === BLOCK_CONFIG.length - 1) return;
    const norm = bnRelu(`transition${b + 1}/norm`, c);
    const down = conv(ctx, `transition${b + 1}/conv`, {
      shape: [1, 1, c, Math.floor(c / 2)],
    });
    stages.push((x, t) => tf.avgPool(down(norm(x, t), t), 2, 2, "valid"));
    c = Math.floor(c / 2);
  });
  const norm5 = bnRelu("norm5", c);
  const nFeatures = c; // 1024
  let gate: ((x: tf.Tensor4D) => tf.Tensor4D) | undefined;
  if (head === "qianets") {
    const msf = multiScaleFusion("msf", nFeatures, {
      nHidden: Math.max(1, Math.round(512 * widthScale)),
      rng,
      convRank,
    });
    const e = eca("eca", nFeatures, { rng });
    ctx.variables.push(...msf.variables, ...e.variables);
    gate = (x) => e.apply(msf.apply(x));
  }
  const fc = linear(ctx, "classifier", { nIn: nFeatures, nOut: nClasses });

  return {
    name: head === "qianets" ? "densenet121_qianets" : "densenet121",
    variables: ctx.variables,
    apply(x, { training }) {
      return tf.tidy(() => {
        // pool0 follows a ReLU, so zero padding equals PyTorch's −∞ padding
        let h = tf.maxPool(
          tf.pad(norm0(conv0(x, training), training), [[0, 0], [1, 1], [1, 1], [
            0,
            0,
          ]]),
          3,
          2,
          "valid",
        );
        // A tidy per layer frees its temporaries (tensors backprop needs are kept by the tape)
        for (const stage of stages) h = tf.tidy(() => stage(h, training));
        let pooled = tf.mean(norm5(h, training), [1, 2], true) as tf.Tensor4D; // [B, 1, 1, 1024]
        if (gate) pooled = gate(pooled);
        return fc(tf.reshape(pooled, [x.shape[0], nFeatures]) as tf.Tensor2D);
      });
    },
  };
}
