/**
 * The evaluation of dataset distillation (Wang et al. 2018, arXiv
 * 1811.10959; qdd.md §4): a network is trained with the T distilled steps
 * only, using the learned step sizes η_t, and is then tested on a full test
 * set. Accuracy is also reported at θ_0 ("before steps" in the code's log).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { ImageSet } from "../data/mod.ts";
import type { ParamNet } from "../models/mod.ts";
import type { DistilledSet } from "./distilled_set.ts";
import { unrollSteps } from "./dataset_distillation.ts";

/** Options of {@linkcode evaluateDistilled}. */
export interface EvaluateDistilledOptions {
  /** θ_0 of the evaluation network. */
  theta0: readonly tf.Tensor[];
  /** Test images (normalised) and labels. */
  test: ImageSet<Float32Array>;
  /** Images per forward pass while testing. @default {500} */
  batchSize?: number;
}

/** Test accuracies of one evaluation network. */
export interface DistilledEvaluation {
  /** Accuracy at θ_0, in [0, 1]. */
  accuracyBefore: number;
  /** Accuracy after the T distilled steps, in [0, 1]. */
  accuracyAfter: number;
}

/**
 * Trains `net` from θ_0 on the distilled steps alone and tests it.
 *
 * @param net The network.
 * @param set The distilled set (images and learned step sizes).
 * @param options θ_0, the test set and the test batch size.
 * @returns Accuracy before and after the distilled steps.
 * @throws {RangeError} If the test images do not match the distilled images' shape.
 *
 * @example A linear model learns two separable classes from two images
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { createRng, initBackend } from "../runtime/mod.ts";
 * import { createDistilledSet, evaluateDistilled } from "./mod.ts";
 * await initBackend("cpu");
 * const net = {
 *   name: "linear",
 *   specs: [{ name: "w", shape: [1, 2], init: { kind: "constant", value: 0 } as const, trainable: true, resample: true }],
 *   apply: (p: readonly tf.Tensor[], x: tf.Tensor4D) => tf.matMul(tf.reshape(x, [x.shape[0], 1]), p[0]) as tf.Tensor2D,
 * };
 * const set = createDistilledSet({ nClasses: 2, imagesPerClass: 1, nSteps: 1, nEpochs: 1, imageShape: [1, 1, 1] }, { rng: createRng(0), distillLr: 1 });
 * set.images.assign(tf.tensor4d([-1, 1], [2, 1, 1, 1]));
 * const test = { images: new Float32Array([-2, -0.5, 0.5, 3]), shape: [4, 1, 1, 1] as [number, number, number, number], labels: new Uint8Array([0, 0, 1, 1]) };
 * const r = evaluateDistilled(net, set, { theta0: [tf.zeros([1, 2])], test });
 * assert.equal(r.accuracyAfter, 1);
 * ```
 */
export function evaluateDistilled(
  net: ParamNet,
  set: DistilledSet,
  { theta0, test, batchSize = 500 }: EvaluateDistilledOptions,
): DistilledEvaluation {
  const [n, h, w, c] = test.shape;
  const [sh, sw, sc] = set.shape.imageShape;
  if (h !== sh || w !== sw || c !== sc) {
    throw new RangeError(
      `Cannot evaluate a distilled set: expected test images ${sh}×${sw}×${sc}, got ${h}×${w}×${c}`,
    );
  }
  const thetaT = tf.tidy(() =>
    unrollSteps(net, theta0, { images: set.images, rawLr: set.rawLr, set })
  );
  const accuracy = (theta: readonly tf.Tensor[]) => {
    let correct = 0;
    for (let start = 0; start < n; start += batchSize) {
      const b = Math.min(batchSize, n - start);
      const pixels = test.images.subarray(
        start * h * w * c,
        (start + b) * h * w * c,
      );
      const predicted = tf.tidy(() =>
        tf.argMax(net.apply(theta, tf.tensor4d(pixels, [b, h, w, c])), 1)
          .dataSync()
      );
      for (let i = 0; i < b; i++) {
        if (predicted[i] === test.labels[start + i]) correct++;
      }
    }
    return correct / n;
  };
  const result = {
    accuracyBefore: accuracy(theta0),
    accuracyAfter: accuracy(thetaT),
  };
  tf.dispose(thetaT.filter((t) => !theta0.includes(t)));
  return result;
}
