/**
 * Dataset distillation, the bilevel method of Wang, Zhu, Torralba, Efros
 * (arXiv 1811.10959) as SsnL/dataset-distillation runs it, which the QDD paper
 * (arXiv 2503.17935) reuses unchanged (qdd.md §2):
 *
 *   θ_t = θ_{t−1} − η_t·∇_θ CE(f(x̃_s; θ_{t−1}), ỹ),  s = (t−1) mod S + 1,  t = 1…T = S·E
 *   L(x̃, r) = CE(f(x_real; θ_T), y_real),  η_t = softplus(r_t)
 *
 * x̃ and r get exact hypergradients by reverse mode through the unrolled steps
 * (gradients of gradients), averaged over the sampled networks, and one Adam
 * step (β = (0.5, 0.999)) per real minibatch.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { ParamNet } from "../models/mod.ts";
import { adam } from "./adam.ts";
import type { Optimizer } from "./optimizer.ts";
import type { DistilledSet } from "./distilled_set.ts";
import { crossEntropy } from "./second_order_cross_entropy.ts";

/** Options of {@linkcode unrollSteps}. */
export interface UnrollStepsOptions {
  /** x̃ (the variable, or a tensor computed from it under a gradient tape). */
  images: tf.Tensor4D;
  /** r `[T]`. */
  rawLr: tf.Tensor1D;
  /** Labels and sizes of the set. */
  set: Pick<DistilledSet, "labels" | "shape">;
}

/**
 * The inner loop: T plain gradient steps on the distilled batches, in order
 * 1…S repeated E times, updating only trainable parameters (qdd.md §2). Under
 * an outer gradient tape every step stays differentiable in x̃, r and θ_0.
 *
 * @param net The network.
 * @param theta0 θ_0, one tensor per spec.
 * @param options x̃, r and the set's labels and sizes.
 * @returns θ_T.
 *
 * @example One step on a linear model moves it down the loss
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { createDistilledSet, crossEntropy, unrollSteps } from "./mod.ts";
 * await initBackend("cpu");
 * const net = {
 *   name: "linear",
 *   specs: [{ name: "w", shape: [4, 2], init: { kind: "constant", value: 0 } as const, trainable: true, resample: true }],
 *   apply: (p: readonly tf.Tensor[], x: tf.Tensor4D) => tf.matMul(tf.reshape(x, [x.shape[0], 4]), p[0]) as tf.Tensor2D,
 * };
 * const set = createDistilledSet({ nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 1, imageShape: [2, 2, 1] }, { rng: createRng(0), distillLr: 1 });
 * const [w] = unrollSteps(net, [tf.zeros([4, 2])], { images: set.images, rawLr: set.rawLr, set });
 * const before = crossEntropy(net.apply([tf.zeros([4, 2])], set.images), set.labels).dataSync()[0];
 * assert.ok(crossEntropy(net.apply([w], set.images), set.labels).dataSync()[0] < before);
 * ```
 */
export function unrollSteps(
  net: ParamNet,
  theta0: readonly tf.Tensor[],
  { images, rawLr, set }: UnrollStepsOptions,
): tf.Tensor[] {
  const { nSteps, nEpochs } = set.shape;
  const nPerStep = set.labels.shape[0];
  const trainable = net.specs.flatMap((s, i) => (s.trainable ? [i] : []));
  let theta = [...theta0];
  for (let t = 0; t < nSteps * nEpochs; t++) {
    const s = t % nSteps;
    const xs = tf.slice(images, [s * nPerStep, 0, 0, 0], [
      nPerStep,
      ...images.shape.slice(1),
    ]) as tf.Tensor4D; // x̃_s [C·k, H, W, C]
    const eta = tf.softplus(tf.slice(rawLr, [t], [1])); // η_t
    const before = theta;
    const loss = (...ws: tf.Tensor[]) => {
      const full = [...before];
      trainable.forEach((k, j) => (full[k] = ws[j]));
      return crossEntropy(net.apply(full, xs), set.labels);
    };
    const grads = tf.grads(loss)(trainable.map((k) => before[k]));
    theta = [...before];
    // θ_t = θ_{t−1} − η_t·∇_θ CE(f(x̃_s; θ_{t−1}), ỹ)
    trainable.forEach((
      k,
      j,
    ) => (theta[k] = tf.sub(before[k], tf.mul(eta, grads[j]))));
  }
  return theta;
}

/** Options of {@linkcode hypergradients} and {@linkcode distillStep}. */
export interface DistillStepOptions {
  /** θ_0 of each sampled network (`n_nets`); gradients are averaged over them. */
  thetas: readonly (readonly tf.Tensor[])[];
  /** One real minibatch: images `[B, H, W, C]`, one-hot labels `[B, C]`. */
  real: { x: tf.Tensor4D; y: tf.Tensor2D };
}

/** Outer loss and its gradients, averaged over the sampled networks. */
export interface Hypergradients {
  /** Mean outer loss L over the networks. */
  loss: number;
  /** ∂L/∂x̃. */
  dImages: tf.Tensor4D;
  /** ∂L/∂r. */
  dRawLr: tf.Tensor1D;
}

/**
 * ∂L/∂x̃ and ∂L/∂r by reverse mode through the unrolled inner loop (second
 * derivatives through the network), averaged over networks (qdd.md §2).
 *
 * @param net The network.
 * @param set The distilled set (read, not changed).
 * @param options θ_0 per network and the real minibatch.
 * @returns Mean loss and gradients; the caller disposes the tensors.
 * @throws {RangeError} If no network is given.
 *
 * @example The gradient in r is finite and non-zero
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { createDistilledSet, hypergradients } from "./mod.ts";
 * await initBackend("cpu");
 * const net = {
 *   name: "linear",
 *   specs: [{ name: "w", shape: [4, 2], init: { kind: "constant", value: 0 } as const, trainable: true, resample: true }],
 *   apply: (p: readonly tf.Tensor[], x: tf.Tensor4D) => tf.matMul(tf.reshape(x, [x.shape[0], 4]), p[0]) as tf.Tensor2D,
 * };
 * const set = createDistilledSet({ nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 2, imageShape: [2, 2, 1] }, { rng: createRng(0) });
 * const real = { x: tf.randomNormal([3, 2, 2, 1], 0, 1, "float32", 1) as tf.Tensor4D, y: tf.oneHot(tf.tensor1d([0, 1, 1], "int32"), 2) as tf.Tensor2D };
 * const h = hypergradients(net, set, { thetas: [[tf.zeros([4, 2])]], real });
 * assert.ok(Number.isFinite(h.loss));
 * assert.ok(tf.abs(h.dRawLr).sum().dataSync()[0] > 0);
 * ```
 */
export function hypergradients(
  net: ParamNet,
  set: DistilledSet,
  { thetas, real }: DistillStepOptions,
): Hypergradients {
  if (thetas.length === 0) {
    throw new RangeError(
      "Cannot compute hypergradients: expected at least one network, got 0",
    );
  }
  let loss = 0;
  let dImages = tf.zerosLike(set.images) as tf.Tensor4D;
  let dRawLr = tf.zerosLike(set.rawLr) as tf.Tensor1D;
  for (const theta0 of thetas) {
    const { value, grads } = tf.valueAndGrads(
      (images: tf.Tensor, rawLr: tf.Tensor) =>
        tf.tidy(() => {
          const thetaT = unrollSteps(net, theta0, {
            images: images as tf.Tensor4D,
            rawLr: rawLr as tf.Tensor1D,
            set,
          });
          // L = CE(f(x_real; θ_T), y_real)
          return crossEntropy(net.apply(thetaT, real.x), real.y);
        }),
    )([set.images, set.rawLr]);
    loss += value.dataSync()[0] / thetas.length;
    const [gi, gr] = grads;
    const [nextImages, nextRawLr] = tf.tidy(() => [
      tf.add(dImages, tf.div(gi, thetas.length)) as tf.Tensor4D,
      tf.add(dRawLr, tf.div(gr, thetas.length)) as tf.Tensor1D,
    ]);
    tf.dispose([value, gi, gr, dImages, dRawLr]);
    dImages = nextImages;
    dRawLr = nextRawLr;
  }
  return { loss, dImages, dRawLr };
}

/**
 * One outer step: hypergradients, then an optimizer update of x̃ and r (the
 * code's Adam with β = (0.5, 0.999), see {@linkcode createDistillOptimizer}).
 *
 * @param net The network.
 * @param set The distilled set, updated in place.
 * @param options Networks, real batch, optimizer and this step's learning rate.
 * @returns The mean outer loss before the update.
 * @throws {RangeError} If no network is given.
 *
 * @example The step changes every image
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { createDistilledSet, createDistillOptimizer, distillStep } from "./mod.ts";
 * await initBackend("cpu");
 * const net = {
 *   name: "linear",
 *   specs: [{ name: "w", shape: [4, 2], init: { kind: "constant", value: 0.1 } as const, trainable: true, resample: true }],
 *   apply: (p: readonly tf.Tensor[], x: tf.Tensor4D) => tf.matMul(tf.reshape(x, [x.shape[0], 4]), p[0]) as tf.Tensor2D,
 * };
 * const set = createDistilledSet({ nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 1, imageShape: [2, 2, 1] }, { rng: createRng(0) });
 * const before = set.images.dataSync().slice();
 * const real = { x: tf.randomNormal([3, 2, 2, 1], 0, 1, "float32", 1) as tf.Tensor4D, y: tf.oneHot(tf.tensor1d([0, 1, 1], "int32"), 2) as tf.Tensor2D };
 * distillStep(net, set, { thetas: [[tf.fill([4, 2], 0.1)]], real, optimizer: createDistillOptimizer(0.01), lr: 0.01 });
 * const after = set.images.dataSync();
 * assert.ok(before.every((v, i) => v !== after[i]));
 * ```
 */
export function distillStep(
  net: ParamNet,
  set: DistilledSet,
  options: DistillStepOptions & { optimizer: Optimizer; lr: number },
): number {
  const { loss, dImages, dRawLr } = hypergradients(net, set, options);
  options.optimizer.apply(
    [
      { name: "images", variable: set.images },
      { name: "rawLr", variable: set.rawLr },
    ],
    { grads: [dImages, dRawLr], lr: options.lr },
  );
  tf.dispose([dImages, dRawLr]);
  return loss;
}

/**
 * The outer optimizer of the published code: Adam with β = (0.5, 0.999)
 * (qdd.md §2), in PyTorch's form.
 *
 * @param learningRate Adam learning rate (`--lr`, 0.01 in the code).
 * @returns The optimizer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createDistillOptimizer } from "./dataset_distillation.ts";
 * assert.equal(createDistillOptimizer(0.01).learningRate, 0.01);
 * ```
 */
export function createDistillOptimizer(learningRate: number): Optimizer {
  return adam({ learningRate, beta1: 0.5, beta2: 0.999 });
}
