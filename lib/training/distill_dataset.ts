/**
 * The outer loop of dataset distillation as the published code runs it
 * (SsnL/dataset-distillation `train_distilled_image.py`; qdd.md §2): per real
 * minibatch, sample the networks (`known_init`: the same fixed θ_0 every time;
 * `unknown_init`: conv and linear layers re-drawn every step), take one
 * hypergradient step on x̃ and r with Adam(β = (0.5, 0.999)), and halve the
 * learning rate every `decayEvery` steps (StepLR).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import type { ImageSet } from "../data/mod.ts";
import { initParams, type ParamNet } from "../models/mod.ts";
import {
  createDistilledSet,
  type DistilledSet,
  type DistilledShape,
} from "./distilled_set.ts";
import { createDistillOptimizer, distillStep } from "./dataset_distillation.ts";

/** Options of {@linkcode distillDataset}. */
export interface DistillDatasetOptions {
  /** Size of the distilled set, without the image shape (taken from the data). */
  shape: Omit<DistilledShape, "imageShape">;
  /** Stream for x̃, network draws and minibatch order. */
  rng: Rng;
  /** `known_init` (fixed θ_0) or `unknown_init` (re-drawn every step). */
  initMode: "known" | "unknown";
  /** Outer steps (one real minibatch each). */
  nOuterSteps: number;
  /** Real minibatch size (`batch_size`, 1024 in the code). */
  batchSize: number;
  /** Networks per outer step (`n_nets`). @default {1} */
  nNets?: number;
  /** Adam learning rate (`lr`). @default {0.01} */
  lr?: number;
  /** Initial step size (`distill_lr`). @default {0.02} */
  distillLr?: number;
  /** StepLR period in outer steps. @default {Infinity} */
  decayEvery?: number;
  /** StepLR factor (`decay_factor`). @default {0.5} */
  decayFactor?: number;
  /** Called after every outer step with its index (0-based) and loss. */
  onStep?: (step: number, loss: number) => void;
}

/** What {@linkcode distillDataset} produced. */
export interface DistillDatasetResult {
  /** The distilled set. */
  set: DistilledSet;
  /** The fixed θ_0 per network (`known_init`), or the last draw (`unknown_init`). */
  thetas: tf.Tensor[][];
  /** Outer loss per step. */
  losses: number[];
}

/**
 * Distils `train` for `net`.
 *
 * @param net The network.
 * @param train Normalised training images `[N, H, W, C]` with labels.
 * @param options Sizes, init mode, schedule and rng.
 * @returns The distilled set, the networks' θ_0 and the loss curve.
 * @throws {RangeError} If the batch size exceeds the training set.
 *
 * @example Two outer steps on a toy linear problem
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { distillDataset } from "./mod.ts";
 * await initBackend("cpu");
 * const net = {
 *   name: "linear",
 *   specs: [{ name: "w", shape: [1, 2], init: { kind: "normal", std: 0.1 } as const, trainable: true, resample: true }],
 *   apply: (p: readonly tf.Tensor[], x: tf.Tensor4D) => tf.matMul(tf.reshape(x, [x.shape[0], 1]), p[0]) as tf.Tensor2D,
 * };
 * const train = { images: new Float32Array([-1, -2, 1, 2]), shape: [4, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([0, 0, 1, 1]) };
 * const r = distillDataset(net, train, {
 *   shape: { nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 1 },
 *   rng: createRng(0), initMode: "unknown", nOuterSteps: 2, batchSize: 2,
 * });
 * assert.equal(r.losses.length, 2);
 * ```
 */
export function distillDataset(
  net: ParamNet,
  train: ImageSet<Float32Array>,
  options: DistillDatasetOptions,
): DistillDatasetResult {
  const {
    shape,
    rng,
    initMode,
    nOuterSteps,
    batchSize,
    nNets = 1,
    lr = 0.01,
    distillLr = 0.02,
    decayEvery = Infinity,
    decayFactor = 0.5,
    onStep,
  } = options;
  const [n, h, w, c] = train.shape;
  if (!(batchSize >= 1 && batchSize <= n)) {
    throw new RangeError(
      `Cannot distil: expected a batch size in [1, ${n}], got ${batchSize}`,
    );
  }
  const set = createDistilledSet({ ...shape, imageShape: [h, w, c] }, {
    rng: rng.fork("images"),
    distillLr,
  });
  const netRng = rng.fork("nets"), batchRng = rng.fork("batches");
  let thetas = Array.from(
    { length: nNets },
    () => initParams(net, { rng: netRng }),
  );
  const optimizer = createDistillOptimizer(lr);
  const losses: number[] = [];
  let order = batchRng.permutation(n), cursor = 0;
  const size = h * w * c;
  for (let step = 0; step < nOuterSteps; step++) {
    if (initMode === "unknown" && step > 0) {
      // Code: every iteration re-initialises conv/linear layers; α, H and the circuit keep their draw (qdd.md §7.2)
      const next = thetas.map((keep) => initParams(net, { rng: netRng, keep }));
      thetas.forEach((old, i) =>
        tf.dispose(old.filter((t) => !next[i].includes(t)))
      );
      thetas = next;
    }
    if (cursor + batchSize > n) [order, cursor] = [batchRng.permutation(n), 0];
    const pixels = new Float32Array(batchSize * size);
    const labels = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const j = order[cursor + i];
      pixels.set(train.images.subarray(j * size, (j + 1) * size), i * size);
      labels[i] = train.labels[j];
    }
    cursor += batchSize;
    const real = tf.tidy(() => ({
      x: tf.tensor4d(pixels, [batchSize, h, w, c]),
      y: tf.oneHot(tf.tensor1d(labels, "int32"), shape.nClasses) as tf.Tensor2D,
    }));
    const stepLr = lr * decayFactor ** Math.floor(step / decayEvery);
    const loss = distillStep(net, set, { thetas, real, optimizer, lr: stepLr });
    tf.dispose([real.x, real.y]);
    losses.push(loss);
    onStep?.(step, loss);
  }
  return { set, thetas, losses };
}
