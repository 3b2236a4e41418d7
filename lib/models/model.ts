/**
 * The shape every trainable classifier of the suite takes, so one training
 * loop ({@linkcode fit} in `lib/training`) and one checkpoint format serve
 * them all: named variables plus a forward pass that returns logits.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";

/** One named piece of model state. */
export interface ModelVariable {
  /** Stable name inside the model, e.g. `"conv1/kernel"`; checkpoints key on it. */
  name: string;
  /** The tfjs variable. */
  variable: tf.Variable;
  /** False for state the optimizer must not touch (BatchNorm running statistics). */
  trainable: boolean;
}

/** A classifier: variables and a forward pass. */
export interface Model {
  /** Architecture name, e.g. `"lenet5"`. */
  name: string;
  /** All state, trainable and not, in a fixed order. */
  variables: ModelVariable[];
  /**
   * Forward pass. With `training: true`, layers use batch statistics and
   * update their running statistics (BatchNorm).
   *
   * @param x Input batch, NHWC `[B, H, W, C]`.
   * @param options Training or inference mode.
   * @returns Logits `[B, nClasses]`.
   */
  apply(x: tf.Tensor4D, options: { training: boolean }): tf.Tensor2D;
}

/**
 * Number of trainable scalars in a model.
 *
 * @param model The model.
 * @returns Σ over trainable variables of their sizes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { countParams } from "./model.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * const v = { name: "w", variable: tf.variable(tf.zeros([3, 4])), trainable: true };
 * const model = { name: "m", variables: [v], apply: () => tf.zeros([1, 4]) as tf.Tensor2D };
 * assert.equal(countParams(model), 12);
 * ```
 */
export function countParams(model: Model): number {
  let n = 0;
  for (const v of model.variables) if (v.trainable) n += v.variable.size;
  return n;
}

/** How {@linkcode initVariable} fills a tensor. */
export type Initializer =
  | { kind: "uniform"; bound: number }
  | { kind: "normal"; std: number }
  | { kind: "constant"; value: number };

/** Options of {@linkcode initVariable}. */
export interface InitVariableOptions {
  /** Distribution of the initial values. */
  init: Initializer;
  /** Random stream (unused for constants). */
  rng: Rng;
  /** Whether the optimizer updates it. @default {true} */
  trainable?: boolean;
}

/**
 * Creates a model variable filled from our seeded {@linkcode Rng}, so the same
 * seed gives the same initial weights on every backend.
 *
 * @param name Name inside the model.
 * @param shape Tensor shape.
 * @param options Initializer, rng and trainability.
 * @returns The named variable.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { initVariable } from "./model.ts";
 * await initBackend("cpu");
 * const v = initVariable("b", [3], { init: { kind: "constant", value: 1 }, rng: createRng(0) });
 * assert.deepEqual(Array.from(v.variable.dataSync()), [1, 1, 1]);
 * ```
 */
export function initVariable(
  name: string,
  shape: number[],
  options: InitVariableOptions,
): ModelVariable {
  const { init, rng, trainable = true } = options;
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  if (init.kind === "uniform") {
    for (let i = 0; i < values.length; i++) {
      values[i] = (2 * rng.next() - 1) * init.bound;
    }
  } else if (init.kind === "normal") {
    for (let i = 0; i < values.length; i++) values[i] = rng.normal() * init.std;
  } else {
    values.fill(init.value);
  }
  // tf.variable copies its initial value: dispose it, or every model leaks its
  // size once (a 94.7 M-parameter AlexNet leaves 361 MiB on the wasm heap).
  const initial = tf.tensor(values, shape);
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return { name, variable, trainable };
}
