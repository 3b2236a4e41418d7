/**
 * A network as a pure function of an explicit parameter list, for methods that
 * differentiate through training itself: dataset distillation (Wang et al.
 * 2018, arXiv 1811.10959) runs gradient steps on θ inside a tfjs gradient
 * tape, so θ must be ordinary tensors, not tfjs variables. This is the
 * functional counterpart of the `ReparamModule` of the published code
 * (qdd.md §2).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";

/** How one parameter tensor is initialised. */
export type ParamInit =
  | {
    /** Xavier-normal (PyTorch `xavier_normal_`), std = gain·√(2/(fanIn+fanOut)). */
    kind: "xavier";
    /** Fan in, PyTorch's rule (conv: Cin·k·k). */
    fanIn: number;
    /** Fan out (conv: Cout·k·k). */
    fanOut: number;
  }
  | {
    /** Normal with standard deviation `std`. */
    kind: "normal";
    /** Standard deviation. */
    std: number;
  }
  | {
    /** Every entry equals `value`. */
    kind: "constant";
    /** The value. */
    value: number;
  };

/** One named parameter tensor of a {@linkcode ParamNet}. */
export interface ParamSpec {
  /** Name, e.g. `"conv1/kernel"`. */
  name: string;
  /** Tensor shape. */
  shape: number[];
  /** Initial distribution. */
  init: ParamInit;
  /** Whether the inner training steps update it (false: a constant of the network). */
  trainable: boolean;
  /**
   * Whether a re-initialisation of the network re-samples it. The published
   * code's `init` touches only conv and linear layers (qdd.md §7.2).
   */
  resample: boolean;
}

/** A classifier as a pure function of its parameters. */
export interface ParamNet {
  /** Architecture name. */
  name: string;
  /** Parameters in the order `apply` expects them. */
  specs: ParamSpec[];
  /**
   * Forward pass.
   *
   * @param params One tensor per spec, in spec order.
   * @param x Input batch NHWC `[B, H, W, C]`.
   * @returns Logits `[B, nClasses]`.
   */
  apply(params: readonly tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D;
}

/** Options of {@linkcode initParams}. */
export interface InitParamsOptions {
  /** Random stream of the draw. */
  rng: Rng;
  /**
   * Parameters to keep instead of drawing anew where their spec has
   * `resample: false` (a reset of the published code's `unknown_init`).
   * @default {undefined} (draw everything)
   */
  keep?: readonly tf.Tensor[];
}

/**
 * Draws initial parameters of a {@linkcode ParamNet}.
 *
 * @param net The network.
 * @param options Rng, and parameters to keep where a spec is not re-sampled.
 * @returns One new tensor per spec (kept tensors are returned as they are).
 * @throws {RangeError} If `keep` has a length other than the number of specs.
 *
 * @example Constants and Xavier draws
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { initParams } from "./param_net.ts";
 * await initBackend("cpu");
 * const net = {
 *   name: "toy",
 *   specs: [
 *     { name: "a", shape: [2], init: { kind: "constant", value: 0.5 } as const, trainable: true, resample: false },
 *     { name: "w", shape: [400, 100], init: { kind: "xavier", fanIn: 400, fanOut: 100 } as const, trainable: true, resample: true },
 *   ],
 *   apply: () => { throw new Error("unused"); },
 * };
 * const [a, w] = initParams(net, { rng: createRng(1) });
 * assert.deepEqual(Array.from(a.dataSync()), [0.5, 0.5]);
 * const std = Math.sqrt(w.square().mean().dataSync()[0]);
 * assert.ok(Math.abs(std - Math.sqrt(2 / 500)) < 0.003);
 * ```
 */
export function initParams(
  net: ParamNet,
  { rng, keep }: InitParamsOptions,
): tf.Tensor[] {
  if (keep !== undefined && keep.length !== net.specs.length) {
    throw new RangeError(
      `Cannot initialise ${net.name}: keep expected ${net.specs.length} tensors, got ${keep.length}`,
    );
  }
  return net.specs.map((spec, i) => {
    if (keep !== undefined && !spec.resample) return keep[i];
    return tf.tensor(drawValues(spec, rng), spec.shape);
  });
}

function drawValues(spec: ParamSpec, rng: Rng): Float32Array {
  const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
  const { init } = spec;
  if (init.kind === "constant") return values.fill(init.value);
  const std = init.kind === "normal"
    ? init.std
    : Math.sqrt(2 / (init.fanIn + init.fanOut));
  for (let i = 0; i < values.length; i++) values[i] = std * rng.normal();
  return values;
}
