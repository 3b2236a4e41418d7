/**
 * Multiply-accumulates per image, counted layer by layer from the kernels a
 * forward pass really runs (`tf.profile`), so factorized layers, added heads
 * and 1×1 maps are all counted as executed (issue 8 "Honest metrics"; notes
 * §6 expects the QIANets heads to add only a few million MACs).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../models/mod.ts";

/** MACs of one executed kernel. */
export interface KernelMacs {
  /** tfjs kernel name (`Conv2D`, `FusedConv2D`, `_FusedMatMul`, …). */
  kernel: string;
  /** Output shape. */
  outputShape: number[];
  /** Multiply-accumulates. */
  macs: number;
}

/** What {@linkcode countMacs} returns. */
export interface MacCount {
  /** Σ over layers, for one image. */
  total: number;
  /** One entry per executed conv or matmul kernel. */
  layers: KernelMacs[];
}

/**
 * Counts MACs of one inference forward pass on a single image:
 * conv = |output|·kH·kW·Cin, depthwise conv = |output|·kH·kW,
 * matmul = |output|·K. Element-wise work (BatchNorm, ReLU, pooling) is not
 * counted, following the usual convention (torchvision's "GFLOPS").
 *
 * @param model The model.
 * @param options `inputShape` `[H, W, C]` of one image.
 * @returns Total and per-layer MACs.
 *
 * @example A dense layer 4 → 3 costs 12 MACs
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { countMacs } from "./count_macs.ts";
 * const w = tf.zeros([4, 3]) as tf.Tensor2D;
 * const model = { name: "m", variables: [], apply: (x: tf.Tensor4D) => tf.matMul(tf.reshape(x, [1, 4]) as tf.Tensor2D, w) as tf.Tensor2D };
 * assert.equal((await countMacs(model, { inputShape: [2, 2, 1] })).total, 12);
 * ```
 */
export async function countMacs(
  model: Model,
  options: { inputShape: [h: number, w: number, c: number] },
): Promise<MacCount> {
  const x = tf.zeros([1, ...options.inputShape]) as tf.Tensor4D;
  const info = await tf.profile(() => model.apply(x, { training: false }));
  x.dispose();
  const layers: KernelMacs[] = [];
  for (const k of info.kernels) {
    const macs = kernelMacs(k.name, k.inputShapes, k.outputShapes[0]);
    if (macs > 0) {
      layers.push({ kernel: k.name, outputShape: k.outputShapes[0], macs });
    }
  }
  tf.dispose(info.result as tf.Tensor);
  return { total: layers.reduce((a, l) => a + l.macs, 0), layers };
}

function kernelMacs(name: string, inputs: number[][], out: number[]): number {
  if (name.endsWith("__op") || out === undefined) return 0; // op-level record of a kernel below
  const size = out.reduce((a, b) => a * b, 1);
  if (name === "Conv2D" || name === "FusedConv2D") {
    const [kH, kW, cIn] = inputs[1];
    return size * kH * kW * cIn;
  }
  if (name === "DepthwiseConv2dNative" || name === "FusedDepthwiseConv2D") {
    const [kH, kW] = inputs[1];
    return size * kH * kW;
  }
  if (name === "BatchMatMul" || name === "_FusedMatMul") {
    const a = inputs[0];
    const m = out[out.length - 2];
    const k = a[a.length - 2] === m ? a[a.length - 1] : a[a.length - 2]; // transposeA unknown
    return size * k;
  }
  return 0;
}
