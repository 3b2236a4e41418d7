/**
 * Training helpers of the QIANets experiment (research notes `qianets.md`
 * §2 Step 4, §8 "Training and search"): Adam at lr 1e-3, the code's per-batch
 * cosine, the paper's weight decay, masks re-applied after every step when
 * kept, and weight snapshots so search trials restart from the same weights.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Impl, Rng } from "../lib/runtime/mod.ts";
import type { Model } from "../lib/models/mod.ts";
import {
  adam,
  fit,
  type FitResult,
  type LabeledImages,
} from "../lib/training/mod.ts";
import { applyMasks } from "../lib/compression/mod.ts";
import type { QianetsConfig } from "./_qianets_config.ts";

/** Options of {@linkcode train}. */
export interface TrainOptions {
  config: QianetsConfig;
  epochs: number;
  rng: Rng;
  /** `code`: cosine with T_max batches stepped every batch, no decay; `paper`: weight decay. @default {neither} */
  impl?: Impl;
  /** Keep-masks re-applied after every step (paper reading). */
  masks?: Map<string, Uint8Array>;
}

/**
 * Trains a model in place (notes §2 Step 4).
 *
 * @param model The model.
 * @param data Training images.
 * @param options Settings, epochs, rng, impl and masks.
 * @returns The fit history.
 */
export function train(
  model: Model,
  data: LabeledImages,
  options: TrainOptions,
): Promise<FitResult> {
  const { config, epochs, rng, impl, masks } = options;
  const tMax = config.cosineTMax;
  return fit(model, data, {
    epochs,
    batchSize: config.batchSize,
    optimizer: adam({
      learningRate: config.learningRate,
      weightDecay: impl === "paper" ? config.paperWeightDecay : 0,
    }),
    // PyTorch CosineAnnealingLR past T_max keeps following the cosine (period 2·T_max)
    schedule: impl === "code"
      ? ({ step }) => 0.5 * (1 + Math.cos(Math.PI * step / tMax))
      : undefined,
    rng,
    progressLabel: null,
    onStep: masks ? () => applyMasks(model, masks) : undefined,
  });
}

/**
 * The first `n` images of a set (the sets are already in seeded random order).
 *
 * @param set Images.
 * @param n How many.
 * @returns A view of the first `n` (the set itself when it has no more).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstImages } from "./_qianets_train.ts";
 * const set = { images: new Uint8Array([1, 2, 3]), labels: new Uint8Array([7, 8, 9]), shape: [3, 1, 1, 1] as [number, number, number, number] };
 * const two = firstImages(set, 2);
 * assert.deepEqual([...two.images, ...two.labels, ...two.shape], [1, 2, 7, 8, 2, 1, 1, 1]);
 * assert.equal(firstImages(set, 5), set);
 * ```
 */
export function firstImages(set: LabeledImages, n: number): LabeledImages {
  if (n >= set.shape[0]) return set;
  const [, h, w, c] = set.shape;
  return {
    images: set.images.subarray(0, n * h * w * c),
    labels: set.labels.subarray(0, n),
    shape: [n, h, w, c],
  };
}

/**
 * Copies every variable's values.
 *
 * @param model The model.
 * @returns One array per variable.
 */
export function snapshot(model: Model): Float32Array[] {
  return model.variables.map((v) =>
    v.variable.dataSync().slice() as Float32Array
  );
}

/**
 * Writes values taken by {@linkcode snapshot} back.
 *
 * @param model The model.
 * @param values One array per variable.
 */
export function restore(model: Model, values: Float32Array[]): void {
  model.variables.forEach((v, i) =>
    tf.tidy(() => v.variable.assign(tf.tensor(values[i], v.variable.shape)))
  );
}

/**
 * Copies every variable of `from` into the variable of `to` with the same
 * name and shape (the QIANets model starts from the trained baseline's
 * backbone, as the code starts from torchvision's pretrained one).
 *
 * @param from Source model.
 * @param to Target model; its other variables keep their initial values.
 * @returns Names copied.
 */
export function copyMatching(from: Model, to: Model): string[] {
  const source = new Map(from.variables.map((v) => [v.name, v.variable]));
  const copied: string[] = [];
  for (const v of to.variables) {
    const s = source.get(v.name);
    if (!s || s.shape.join() !== v.variable.shape.join()) continue;
    v.variable.assign(s);
    copied.push(v.name);
  }
  return copied;
}

/**
 * Frees a model's variables.
 *
 * @param model The model.
 */
export function dispose(model: Model): void {
  for (const v of model.variables) v.variable.dispose();
}

/**
 * Seconds since `t0` (a `performance.now()` reading).
 *
 * @param t0 Start.
 * @returns Seconds.
 */
export function since(t0: number): number {
  return (performance.now() - t0) / 1000;
}
