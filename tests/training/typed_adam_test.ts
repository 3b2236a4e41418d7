import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { adam } from "../../lib/training/mod.ts";
import { typedAdam } from "../../lib/training/typed_adam.ts";

await tf.setBackend("cpu");

Deno.test("typedAdam() takes PyTorch's first two steps computed by hand", () => {
  const theta = new Float64Array([0.5, -2]);
  const opt = typedAdam(2, {
    learningRate: 0.01,
    beta1: 0.8,
    beta2: 0.9,
    epsilon: 1e-3,
  });
  opt.step(theta, new Float64Array([0.4, -3]));
  // t = 1: m = 0.2·g, v = 0.1·g², m̂ = g, v̂ = g² → θ −= η·g/(|g| + ε)
  assert.ok(Math.abs(theta[0] - (0.5 - 0.01 * 0.4 / (0.4 + 1e-3))) < 1e-15);
  assert.ok(Math.abs(theta[1] - (-2 + 0.01 * 3 / (3 + 1e-3))) < 1e-15);
  const t1 = theta[0];
  opt.step(theta, new Float64Array([1, 0]));
  // t = 2, coordinate 0: m = 0.8·0.08 + 0.2·1 = 0.264, v = 0.9·0.016 + 0.1·1 = 0.1144
  const mHat = 0.264 / (1 - 0.8 ** 2), vHat = 0.1144 / (1 - 0.9 ** 2);
  assert.ok(
    Math.abs(theta[0] - (t1 - 0.01 * mHat / (Math.sqrt(vHat) + 1e-3))) < 1e-15,
  );
  assert.equal(opt.steps, 2);
});

Deno.test("typedAdam() follows adam()'s pytorch variant over several steps", () => {
  const init = [0.3, -0.7, 1.2];
  const grads = [[0.1, -0.2, 0.05], [-0.3, 0.1, 0], [0.2, 0.2, -0.4]];
  const w = tf.variable(tf.tensor1d(init));
  const ref = adam({ learningRate: 0.05 });
  const theta = Float64Array.from(init);
  const opt = typedAdam(3, { learningRate: 0.05 });
  for (const g of grads) {
    ref.apply([{ name: "w", variable: w }], {
      grads: [tf.tensor1d(g)],
      lr: 0.05,
    });
    opt.step(theta, Float64Array.from(g));
  }
  const want = w.dataSync();
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(theta[i] - want[i]) < 1e-6);
});

Deno.test("typedAdam() names expected versus got when a hyperparameter is out of range", () => {
  assert.throws(
    () => typedAdam(1, { beta1: 1 }),
    /Cannot create Adam: expected η > 0, 0 ≤ β < 1 and ε > 0, got η=0.001 β1=1 β2=0.999 ε=1e-8/,
  );
});
