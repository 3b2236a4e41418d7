/**
 * GoogLeNet (Inception v1; Szegedy et al., arXiv 1409.4842) as torchvision
 * builds it without auxiliary heads, and its QIANets variant (research notes
 * `qianets.md` §3 "GoogLeNet", §6):
 *
 *   conv7×7/2 64 → maxpool3/2 → conv1×1 64 → conv3×3 192 → maxpool3/2
 *   → 3a 3b → maxpool3/2 → 4a 4b 4c 4d 4e → maxpool2/2 → 5a 5b → GAP [B,1024]
 *   baseline: → fc C                          5,610,154 parameters for C = 10
 *   qianets:  → MSF(1024) on the 1×1 map → fc C   10,854,575
 *
 * Every conv is BasicConv2d: conv (no bias) → BN (ε = 0.001) → ReLU. An
 * Inception block concatenates four branches: 1×1; 1×1 → 3×3; 1×1 → 3×3
 * (torchvision's "5×5" branch is 3×3); maxpool3/1 → 1×1. Max pools use
 * ceil mode, which at these sizes equals TF's "same" padding.
 *
 * Deviations, stated: no dropout before the fc (torchvision p = 0.2); Kaiming
 * init (torchvision: truncated normal σ = 0.01); the QIANets code's unused
 * ECA and second fc (10,255 parameters, notes §6) are not built.
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
import type { Model } from "./model.ts";
import { multiScaleFusion } from "./multi_scale_fusion.ts";

/** Inception blocks: [name, in, 1×1, 3×3 reduce, 3×3, "5×5" reduce, "5×5", pool proj] (torchvision). */
const INCEPTION: [
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
][] = [
  ["inception3a", 192, 64, 96, 128, 16, 32, 32],
  ["inception3b", 256, 128, 128, 192, 32, 96, 64],
  ["inception4a", 480, 192, 96, 208, 16, 48, 64],
  ["inception4b", 512, 160, 112, 224, 24, 64, 64],
  ["inception4c", 512, 128, 128, 256, 24, 64, 64],
  ["inception4d", 512, 112, 144, 288, 32, 64, 64],
  ["inception4e", 528, 256, 160, 320, 32, 128, 128],
  ["inception5a", 832, 256, 160, 320, 32, 128, 128],
  ["inception5b", 832, 384, 192, 384, 48, 128, 128],
];

/** Options of {@linkcode googlenet}. */
export interface GooglenetOptions {
  /** Output classes C. @default {10} */
  nClasses?: number;
  /** Input channels. @default {3} */
  inChannels?: number;
  /** Classifier: plain fc, or the QIANets MSF head before it. @default {"baseline"} */
  head?: "baseline" | "qianets";
  /** Multiplies every channel count (only `--profile smoke` uses < 1). @default {1} */
  widthScale?: number;
  /** Convs to build factorized, by name and shape. @default {none} */
  convRank?: ConvRank;
  /** Initial-weight stream. @default {createRng(0)} */
  rng?: Rng;
}

/**
 * Builds GoogLeNet, baseline or QIANets.
 *
 * @param options Classes, head, width, factorization and rng.
 * @returns The model; `apply` takes `[B, H, W, C]` (H, W ≥ 32) and returns logits `[B, C]`.
 * @throws {RangeError} If `widthScale` is not positive.
 *
 * @example torchvision's count with a 10-class fc (notes §6)
 * ```ts
 * import assert from "node:assert/strict";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { countParams, googlenet } from "./mod.ts";
 * assert.equal(countParams(googlenet()), 5610154);
 * ```
 */
export function googlenet(options: GooglenetOptions = {}): Model {
  const {
    nClasses = 10,
    inChannels = 3,
    head = "baseline",
    widthScale = 1,
    convRank,
  } = options;
  if (!(widthScale > 0)) {
    throw new RangeError(
      `Cannot build GoogLeNet: expected widthScale > 0, got ${widthScale}`,
    );
  }
  const rng = options.rng ?? createRng(0);
  const ctx: LayerContext = { rng, variables: [], convRank };
  const ch = (c: number) => Math.max(1, Math.round(c * widthScale));
  const basic = (name: string, [k, nIn, nOut]: number[]): Layer => {
    const c = conv(ctx, `${name}/conv`, {
      shape: [k, k, nIn, nOut],
      stride: k === 7 ? 2 : 1,
      pad: (k - 1) / 2,
    });
    const bn = batchNorm(ctx, `${name}/bn`, {
      nChannels: nOut,
      epsilon: 0.001,
    });
    return (x, training) => tf.relu(bn(c(x, training), training));
  };
  const inception = (
    [name, nIn, c1, r3, c3, r5, c5, pp]: (typeof INCEPTION)[number],
  ): Layer => {
    const [i, b1, b2r, b2, b3r, b3, b4] = [nIn, c1, r3, c3, r5, c5, pp].map(ch);
    const branch1 = basic(`${name}/branch1`, [1, i, b1]);
    const branch2a = basic(`${name}/branch2.0`, [1, i, b2r]);
    const branch2b = basic(`${name}/branch2.1`, [3, b2r, b2]);
    const branch3a = basic(`${name}/branch3.0`, [1, i, b3r]);
    const branch3b = basic(`${name}/branch3.1`, [3, b3r, b3]);
    const branch4 = basic(`${name}/branch4.1`, [1, i, b4]);
    return (x, t) =>
      tf.concat([
        branch1(x, t),
        branch2b(branch2a(x, t), t),
        branch3b(branch3a(x, t), t),
        branch4(tf.maxPool(x, 3, 1, "same"), t),
      ], 3);
  };

  const conv1 = basic("conv1", [7, inChannels, ch(64)]);
  const conv2 = basic("conv2", [1, ch(64), ch(64)]);
  const conv3 = basic("conv3", [3, ch(64), ch(192)]);
  const blocks = INCEPTION.map(inception);
  const nFeatures = ch(384) + ch(384) + ch(128) + ch(128); // inception5b output
  const msf = head === "qianets"
    ? multiScaleFusion("msf", nFeatures, { nHidden: ch(512), rng, convRank })
    : undefined;
  if (msf) ctx.variables.push(...msf.variables);
  const fc = linear(ctx, "fc", { nIn: nFeatures, nOut: nClasses });

  return {
    name: head === "qianets" ? "googlenet_qianets" : "googlenet",
    variables: ctx.variables,
    apply(x, { training }) {
      return tf.tidy(() => {
        let h = tf.maxPool(conv1(x, training), 3, 2, "same"); // ceil mode
        h = tf.maxPool(conv3(conv2(h, training), training), 3, 2, "same");
        // A tidy per block frees its temporaries (tensors backprop needs are kept by the tape)
        const block = (b: number, x: tf.Tensor4D) =>
          tf.tidy(() => blocks[b](x, training));
        h = block(1, block(0, h)); // 3a, 3b
        h = tf.maxPool(h, 3, 2, "same");
        for (let b = 2; b < 7; b++) h = block(b, h); // 4a … 4e
        h = tf.maxPool(h, 2, 2, "same");
        h = block(8, block(7, h)); // 5a, 5b
        let pooled = tf.mean(h, [1, 2], true) as tf.Tensor4D; // [B, 1, 1, 1024]
        if (msf) pooled = msf.apply(pooled);
        return fc(tf.reshape(pooled, [x.shape[0], nFeatures]) as tf.Tensor2D);
      });
    },
  };
}
