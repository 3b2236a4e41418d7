/**
 * Private building blocks of the QIANets backbones and heads (GoogLeNet,
 * DenseNet-121, ECA, multi-scale fusion): convolutions that can be built
 * factorized (k×k conv Cin → r, then 1×1 conv r → Cout, issue 8), PyTorch
 * BatchNorm, and linear layers. Variables are appended to `ctx.variables`.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import { batchNorm2d } from "./batch_norm.ts";
import { initVariable, type ModelVariable } from "./model.ts";

/** Picks the rank r of a conv built factorized, or `undefined` for a dense conv. */
export type ConvRank = (
  name: string,
  shape: [kH: number, kW: number, cIn: number, cOut: number],
) => number | undefined;

/** A layer on NHWC maps. */
export type Layer = (x: tf.Tensor4D, training: boolean) => tf.Tensor4D;

/** Shared state while a model is built. */
export interface LayerContext {
  /** Initial-weight stream. */
  rng: Rng;
  /** Variables of the model, in creation order. */
  variables: ModelVariable[];
  /** Which convs to factorize. @default {none} */
  convRank?: ConvRank;
}

/** Options of {@linkcode conv}. */
export interface ConvOptions {
  /** `[kH, kW, Cin, Cout]`. */
  shape: [number, number, number, number];
  /** Stride. @default {1} */
  stride?: number;
  /** Symmetric zero padding, as PyTorch's `padding`. @default {0} */
  pad?: number;
  /** Add a bias (PyTorch default init U(±1/√fan_in) for kernel and bias). @default {false} */
  bias?: boolean;
}

/**
 * A conv `<name>/kernel` (Kaiming normal, fan_out, without bias; PyTorch
 * default init with bias), or, when `ctx.convRank` gives r, the pair
 * `<name>/kernel_a` `[k, k, Cin, r]` and `<name>/kernel_b` `[1, 1, r, Cout]`.
 *
 * @param ctx Build context.
 * @param name Variable prefix.
 * @param options Shape, stride, padding, bias.
 * @returns The layer.
 */
export function conv(
  ctx: LayerContext,
  name: string,
  options: ConvOptions,
): Layer {
  const { shape, stride = 1, pad = 0, bias = false } = options;
  const [kH, kW, cIn, cOut] = shape;
  const fanIn = kH * kW * cIn;
  const init = bias
    ? { kind: "uniform", bound: 1 / Math.sqrt(fanIn) } as const
    : { kind: "normal", std: Math.sqrt(2 / (cOut * kH * kW)) } as const;
  const rank = ctx.convRank?.(name, shape);
  const add = (suffix: string, s: number[]) => {
    const v = initVariable(`${name}/${suffix}`, s, { init, rng: ctx.rng });
    ctx.variables.push(v);
    return v.variable as tf.Variable<tf.Rank.R4>;
  };
  let run: (x: tf.Tensor4D) => tf.Tensor4D;
  if (rank === undefined) {
    const w = add("kernel", shape);
    run = (x) => tf.conv2d(x, w, stride, pad);
  } else {
    const a = add("kernel_a", [kH, kW, cIn, rank]);
    const b = add("kernel_b", [1, 1, rank, cOut]);
    run = (x) => tf.conv2d(tf.conv2d(x, a, stride, pad), b, 1, 0);
  }
  if (!bias) return (x) => run(x);
  const b = initVariable(`${name}/bias`, [cOut], { init, rng: ctx.rng });
  ctx.variables.push(b);
  return (x) => tf.add(run(x), b.variable);
}

/**
 * PyTorch BatchNorm2d (see `batch_norm.ts`).
 *
 * @param ctx Build context.
 * @param name Variable prefix.
 * @param options Channels and ε.
 * @returns The layer.
 */
export function batchNorm(
  ctx: LayerContext,
  name: string,
  options: { nChannels: number; epsilon?: number },
): Layer {
  const layer = batchNorm2d(name, options.nChannels, {
    epsilon: options.epsilon,
  });
  ctx.variables.push(...layer.variables);
  return (x, training) => layer.apply(x, { training });
}

/**
 * Linear layer `<name>/kernel` `[nIn, nOut]` and `<name>/bias`, PyTorch's
 * default init U(±1/√nIn).
 *
 * @param ctx Build context.
 * @param name Variable prefix.
 * @param options Sizes.
 * @returns x ↦ xW + b.
 */
export function linear(
  ctx: LayerContext,
  name: string,
  options: { nIn: number; nOut: number },
): (x: tf.Tensor2D) => tf.Tensor2D {
  const { nIn, nOut } = options;
  const init = { kind: "uniform", bound: 1 / Math.sqrt(nIn) } as const;
  const w = initVariable(`${name}/kernel`, [nIn, nOut], { init, rng: ctx.rng });
  const b = initVariable(`${name}/bias`, [nOut], { init, rng: ctx.rng });
  ctx.variables.push(w, b);
  return (x) => tf.add(tf.matMul(x, w.variable as tf.Tensor2D), b.variable);
}
