/**
 * ResNet-18 (He et al., arXiv 1512.03385, Table 1) as torchvision builds it,
 * the backbone of the QIANets ResNet experiments (notes `qianets.md`, "ResNet-18"):
 *
 *   stem: conv7×7/2 64 → BN → ReLU → maxpool3×3/2   ("imagenet", torchvision)
 *      or conv3×3/1 64 → BN → ReLU                  ("cifar", the common 32×32 variant)
 *   4 stages × 2 BasicBlocks, widths 64, 128, 256, 512, stages 2–4 stride 2
 *   BasicBlock: y = ReLU(BN(conv3×3(ReLU(BN(conv3×3/s(x))))) + shortcut(x)),
 *     shortcut = BN(conv1×1/s(x)) when the shape changes, else x
 *   head: global average pool → fc C
 *
 * Padding is PyTorch's symmetric padding (numeric pads, not TF's "same"),
 * convolutions have no bias, and initialisation is torchvision's:
 * conv ~ N(0, 2/(C_out·k²)) (Kaiming, fan_out), BN γ = 1, β = 0, fc U(±1/√512).
 * 11,689,512 parameters with the ImageNet stem and C = 1000, as torchvision.
 * `widthScale` multiplies every width (the QIANets quick and smoke profiles
 * train narrower nets); `convRank` builds chosen convs factorized (k×k → r,
 * then 1×1 → C_out), as GoogLeNet and DenseNet-121 do.
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

/** Options of {@linkcode resnet18}. */
export interface Resnet18Options {
  /** Output classes C. @default {10} */
  nClasses?: number;
  /** Input channels. @default {3} */
  inChannels?: number;
  /** Stem: torchvision's ImageNet stem, or a 3×3/1 conv without pooling. @default {"imagenet"} */
  stem?: "imagenet" | "cifar";
  /** Multiplies every channel count (64 … 512). @default {1} */
  widthScale?: number;
  /** Convs to build factorized, by name and shape. @default {none} */
  convRank?: ConvRank;
  /** Initial-weight stream. @default {createRng(0)} */
  rng?: Rng;
}

/**
 * Builds ResNet-18.
 *
 * @param options Classes, input channels, stem, width, factorization and the seeded rng.
 * @returns The model; `apply` returns logits `[B, C]`.
 * @throws {RangeError} If `widthScale` is not positive.
 *
 * @example torchvision's parameter count
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParams, resnet18 } from "./mod.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * assert.equal(countParams(resnet18({ nClasses: 1000 })), 11689512);
 * ```
 */
export function resnet18(options: Resnet18Options = {}): Model {
  const {
    nClasses = 10,
    inChannels = 3,
    stem = "imagenet",
    widthScale = 1,
    convRank,
  } = options;
  if (!(widthScale > 0)) {
    throw new RangeError(
      `Cannot build ResNet-18: expected widthScale > 0, got ${widthScale}`,
    );
  }
  const ctx: LayerContext = {
    rng: options.rng ?? createRng(0),
    variables: [],
    convRank,
  };
  const ch = (c: number) => Math.max(1, Math.round(c * widthScale));
  const convBn = (
    name: string,
    [k, nIn, nOut]: number[],
    stride: number,
  ): Layer => {
    const c = conv(ctx, name, {
      shape: [k, k, nIn, nOut],
      stride,
      pad: (k - 1) / 2,
    });
    const b = batchNorm(ctx, `${name}/bn`, { nChannels: nOut });
    return (x, training) => b(c(x, training), training);
  };
  const basicBlock = (
    name: string,
    [nIn, nOut]: number[],
    stride: number,
  ): Layer => {
    const c1 = convBn(`${name}/conv1`, [3, nIn, nOut], stride);
    const c2 = convBn(`${name}/conv2`, [3, nOut, nOut], 1);
    const down = stride !== 1 || nIn !== nOut
      ? convBn(`${name}/downsample`, [1, nIn, nOut], stride)
      : null;
    return (x, training) => {
      const y = c2(tf.relu(c1(x, training)), training);
      return tf.relu(tf.add(y, down ? down(x, training) : x));
    };
  };

  const stemLayer = stem === "imagenet"
    ? convBn("conv1", [7, inChannels, ch(64)], 2)
    : convBn("conv1", [3, inChannels, ch(64)], 1);
  const blocks: Layer[] = [];
  let nIn = ch(64);
  [64, 128, 256, 512].map(ch).forEach((width, s) => {
    blocks.push(basicBlock(`layer${s + 1}.0`, [nIn, width], s === 0 ? 1 : 2));
    blocks.push(basicBlock(`layer${s + 1}.1`, [width, width], 1));
    nIn = width;
  });
  const fc = linear(ctx, "fc", { nIn, nOut: nClasses });

  return {
    name: "resnet18",
    variables: ctx.variables,
    apply(x, { training }) {
      return tf.tidy(() => {
        let h = tf.relu(stemLayer(x, training));
        if (stem === "imagenet") h = tf.maxPool(h, 3, 2, 1);
        for (const block of blocks) h = block(h, training);
        return fc(tf.mean(h, [1, 2]) as tf.Tensor2D); // GAP → [B, 512] → fc
      });
    },
  };
}
