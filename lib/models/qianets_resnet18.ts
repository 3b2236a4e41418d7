/**
 * The QIANets ResNet-18 of the published `resnet.py` (research notes
 * `qianets.md` §3 "ResNet-18", §6):
 *
 *   ResNet-18 with its fc replaced by Linear 512 → 1280 (no activation)
 *   → view [B, 1, 1, 1280] → MSF(1280) → GAP (an identity) → Linear 1280 → C
 *
 * 18,401,359 parameters for C = 10 with the ImageNet stem: the notes' count
 * 18,401,364 minus the 5 of the second ECA the code creates but never uses.
 * `widthScale` multiplies the backbone widths, the 1280 and the head's 512.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { createRng, type Rng } from "../runtime/mod.ts";
import { type ConvRank, type LayerContext, linear } from "./_conv_layers.ts";
import type { Model } from "./model.ts";
import { multiScaleFusion } from "./multi_scale_fusion.ts";
import { resnet18, type Resnet18Options } from "./resnet18.ts";

/** Options of {@linkcode qianetsResnet18}. */
export interface QianetsResnet18Options {
  /** Output classes C. @default {10} */
  nClasses?: number;
  /** Backbone stem and input channels. @default {{}} */
  backbone?: Pick<Resnet18Options, "stem" | "inChannels">;
  /** Multiplies every width: backbone, the 1280 features and the head's 512. @default {1} */
  widthScale?: number;
  /** Convs to build factorized (backbone and head), by name and shape. @default {none} */
  convRank?: ConvRank;
  /** Initial-weight stream. @default {createRng(0)} */
  rng?: Rng;
}

/**
 * Builds the QIANets ResNet-18.
 *
 * @param options Classes, backbone options, width, factorization and rng.
 * @returns The model; `apply` returns logits `[B, C]`.
 *
 * @example Parameter count (notes §6 less the unused ECA)
 * ```ts
 * import assert from "node:assert/strict";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { countParams, qianetsResnet18 } from "./mod.ts";
 * assert.equal(countParams(qianetsResnet18()), 18401359);
 * ```
 */
export function qianetsResnet18(options: QianetsResnet18Options = {}): Model {
  const { nClasses = 10, backbone = {}, widthScale = 1, convRank } = options;
  const rng = options.rng ?? createRng(0);
  const ch = (c: number) => Math.max(1, Math.round(c * widthScale));
  const nFeatures = ch(1280);
  const body = resnet18({
    ...backbone,
    nClasses: nFeatures,
    widthScale,
    convRank,
    rng: rng.fork("backbone"),
  });
  const ctx: LayerContext = { rng: rng.fork("head"), variables: [] };
  const msf = multiScaleFusion("msf", nFeatures, {
    nHidden: ch(512),
    rng: ctx.rng,
    convRank,
  });
  const fc = linear(ctx, "head_fc", { nIn: nFeatures, nOut: nClasses });
  return {
    name: "resnet18_qianets",
    variables: [...body.variables, ...msf.variables, ...ctx.variables],
    apply(x, { training }) {
      return tf.tidy(() => {
        const z = body.apply(x, { training }); // [B, 1280], fc 512 → 1280
        const h = msf.apply(
          tf.reshape(z, [x.shape[0], 1, 1, nFeatures]) as tf.Tensor4D,
        );
        return fc(tf.reshape(h, [x.shape[0], nFeatures]) as tf.Tensor2D);
      });
    },
  };
}
