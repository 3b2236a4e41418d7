/**
 * The distilled set of dataset distillation (Wang et al. 2018, arXiv
 * 1811.10959; qdd.md §2): S synthetic batches x̃_1…x̃_S of C·k images each,
 * T = S·E learnable raw step sizes r_t (η_t = softplus(r_t)) and fixed,
 * class-balanced labels.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";

/** Size of a distilled set (qdd.md §2 hyperparameters). */
export interface DistilledShape {
  /** Classes C. */
  nClasses: number;
  /** Images per class per step k. */
  imagesPerClass: number;
  /** Distinct synthetic batches S (`distill_steps`). */
  nSteps: number;
  /** Passes over the S batches E (`distill_epochs`); T = S·E step sizes. */
  nEpochs: number;
  /** One image `[H, W, C]`. */
  imageShape: [number, number, number];
}

/** A distilled set: learnable images and raw step sizes, fixed labels. */
export interface DistilledSet {
  /** Its size. */
  shape: DistilledShape;
  /** x̃ `[S·C·k, H, W, C]`, step s is rows s·C·k … (s+1)·C·k − 1. */
  images: tf.Variable<tf.Rank.R4>;
  /** r `[T]`, η_t = softplus(r_t). */
  rawLr: tf.Variable<tf.Rank.R1>;
  /** ỹ one-hot `[C·k, C]`, row j has class j mod C (the code's `repeat`). */
  labels: tf.Tensor2D;
}

/** Options of {@linkcode createDistilledSet}. */
export interface CreateDistilledSetOptions {
  /** Draws x̃ ~ N(0, 1) in normalised pixel space. */
  rng: Rng;
  /** Initial step size η (`distill_lr`). @default {0.02} */
  distillLr?: number;
}

/**
 * A new distilled set: x̃ ~ N(0, 1), r = log(e^η − 1) (qdd.md §2).
 *
 * @param shape Size of the set.
 * @param options Rng and initial step size.
 * @returns Variables x̃, r and the fixed labels.
 * @throws {RangeError} If a count is not a positive integer or η ≤ 0.
 *
 * @example 1 image per class, 1 step, 3 epochs
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { createDistilledSet } from "./distilled_set.ts";
 * await initBackend("cpu");
 * const d = createDistilledSet(
 *   { nClasses: 10, imagesPerClass: 1, nSteps: 1, nEpochs: 3, imageShape: [28, 28, 1] },
 *   { rng: createRng(0) },
 * );
 * assert.deepEqual(d.images.shape, [10, 28, 28, 1]);
 * assert.ok(Math.abs(Math.log1p(Math.exp(d.rawLr.dataSync()[2])) - 0.02) < 1e-6);
 * ```
 */
export function createDistilledSet(
  shape: DistilledShape,
  { rng, distillLr = 0.02 }: CreateDistilledSetOptions,
): DistilledSet {
  const { nClasses, imagesPerClass, nSteps, nEpochs, imageShape } = shape;
  const counts = [nClasses, imagesPerClass, nSteps, nEpochs, ...imageShape];
  if (!counts.every((n) => Number.isInteger(n) && n > 0) || !(distillLr > 0)) {
    throw new RangeError(
      `Cannot create a distilled set: expected positive integer sizes and distillLr > 0, got [${counts}] and ${distillLr}`,
    );
  }
  const nPerStep = nClasses * imagesPerClass;
  const n = nSteps * nPerStep;
  const x = new Float32Array(n * imageShape[0] * imageShape[1] * imageShape[2]);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const labels = new Int32Array(nPerStep).map((_, j) => j % nClasses);
  const raw = Math.log(Math.expm1(distillLr)); // softplus⁻¹(η)
  return {
    shape,
    images: tf.variable(tf.tensor4d(x, [n, ...imageShape])),
    rawLr: tf.variable(tf.fill([nSteps * nEpochs], raw) as tf.Tensor1D),
    labels: tf.oneHot(tf.tensor1d(labels, "int32"), nClasses) as tf.Tensor2D,
  };
}
