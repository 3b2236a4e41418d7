import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import type { ParamNet } from "../../lib/models/mod.ts";
import {
  createDistilledSet,
  evaluateDistilled,
} from "../../lib/training/mod.ts";

await initBackend("cpu");

const net: ParamNet = {
  name: "linear",
  specs: [{
    name: "w",
    shape: [1, 2],
    init: { kind: "constant", value: 0 },
    trainable: true,
    resample: true,
  }],
  apply: (p, x) =>
    tf.matMul(tf.reshape(x, [x.shape[0], 1]), p[0]) as tf.Tensor2D,
};

Deno.test("evaluateDistilled() applies softplus(r_t) step sizes: W = −η·∇CE at W = 0 when T = 1", () => {
  const set = createDistilledSet(
    {
      nClasses: 2,
      imagesPerClass: 1,
      nSteps: 1,
      nEpochs: 1,
      imageShape: [1, 1, 1],
    },
    { rng: createRng(0), distillLr: 0.7 },
  );
  set.images.assign(tf.tensor4d([-2, 3], [2, 1, 1, 1]));
  // ∇CE at W = 0 (softmax ½, ½): Xᵀ(P − Y)/2 = [(−2·(½−1) + 3·½)/2, (−2·½ + 3·(½−1))/2] = [1.25, −1.25]
  // W = −0.7·∇ = [−0.875, 0.875], so x < 0 → class 0 and x > 0 → class 1; at θ_0 argmax ties pick class 0
  const test = {
    images: new Float32Array([-1, -0.1, 0.2, 5]),
    shape: [4, 1, 1, 1] as [number, number, number, number],
    labels: new Uint8Array([0, 0, 1, 1]),
  };
  const r = evaluateDistilled(net, set, {
    theta0: [tf.zeros([1, 2])],
    test,
    batchSize: 3,
  });
  assert.deepEqual(r, { accuracyBefore: 0.5, accuracyAfter: 1 });
});

Deno.test("evaluateDistilled() throws a RangeError naming both image shapes when they differ", () => {
  const set = createDistilledSet(
    {
      nClasses: 2,
      imagesPerClass: 1,
      nSteps: 1,
      nEpochs: 1,
      imageShape: [1, 1, 1],
    },
    { rng: createRng(0) },
  );
  const test = {
    images: new Float32Array(4),
    shape: [1, 2, 2, 1] as [number, number, number, number],
    labels: new Uint8Array(1),
  };
  assert.throws(
    () => evaluateDistilled(net, set, { theta0: [tf.zeros([1, 2])], test }),
    /Cannot evaluate a distilled set: expected test images 1×1×1, got 2×2×1/,
  );
});
