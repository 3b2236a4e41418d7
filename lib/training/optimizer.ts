/**
 * The optimizer contract of the training loop: one update per step at a
 * learning rate the schedule chooses, and state that checkpoints can save and
 * restore exactly.
 *
 * @module
 */

import type * as tf from "@tensorflow/tfjs-core";

/** Saved optimizer state: the step counter and named slot arrays. */
export interface OptimizerState {
  /** Step counter t (number of updates applied). */
  step: number;
  /** Slot values by `<variable name>/<slot>`, e.g. `"c1/kernel/m"`. */
  slots: Map<string, Float32Array>;
}

/** An optimizer over named variables. */
export interface Optimizer {
  /** `"adam"` or `"sgd"`. */
  readonly name: string;
  /** Base learning rate η₀, which schedules scale. */
  readonly learningRate: number;
  /**
   * Applies one update θ ← θ − η·u(g) to each variable.
   *
   * @param params Variables with their names (slots are keyed by name).
   * @param options Gradients (same order as params) and this step's learning rate.
   */
  apply(
    params: { name: string; variable: tf.Variable }[],
    options: { grads: tf.Tensor[]; lr: number },
  ): void;
  /** A copy of the state, to checkpoint (async: WebGPU reads back asynchronously). */
  getState(): Promise<OptimizerState>;
  /** Replaces the state with a copy of `state` (after a resume). */
  setState(state: OptimizerState): void;
}
