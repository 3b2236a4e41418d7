import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { maxPool2x2 } from "../../lib/models/mod.ts";
import { assertClose, mixedSecondOrder } from "./_second_order.ts";

await initBackend("cpu");

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.normal()), shape);
}

Deno.test("maxPool2x2() equals tf.maxPool 2×2/2 when the maps have odd sides", () => {
  const x = randomTensor([2, 7, 5, 3], 1) as tf.Tensor4D;
  const want = tf.maxPool(x, 2, 2, "valid");
  const got = maxPool2x2(x);
  assert.deepEqual(got.shape, [2, 3, 2, 3]);
  // b + ReLU(a − b) rounds once more than max(a, b) in float32
  assertClose(Array.from(got.dataSync()), Array.from(want.dataSync()), {
    atol: 1e-6,
    rtol: 1e-6,
  });
});

Deno.test("maxPool2x2() has a gradient equal to tf.maxPool's when there are no ties", () => {
  const x = randomTensor([1, 6, 6, 2], 2);
  const c = randomTensor([1, 3, 3, 2], 3);
  const g = (pool: (t: tf.Tensor4D) => tf.Tensor) =>
    tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pool(t as tf.Tensor4D), c)))(x)
      .dataSync();
  assert.deepEqual(
    Array.from(g(maxPool2x2)),
    Array.from(g((t) => tf.maxPool(t, 2, 2, "valid"))),
  );
});

Deno.test("maxPool2x2() second derivatives match finite differences of its gradient", () => {
  // F(x, θ) = Σ θ ⊙ pool(x)³: ∂²F/∂x∂θ flows through the pool's gradient
  const x = randomTensor([1, 4, 4, 2], 4);
  const theta = [randomTensor([1, 2, 2, 2], 5)];
  const f = (xx: tf.Tensor, p: tf.Tensor[]) =>
    tf.sum(tf.mul(p[0], tf.pow(maxPool2x2(xx as tf.Tensor4D), 3))) as tf.Scalar;
  const { autodiff, finiteDiff } = mixedSecondOrder(f, x, theta, {
    probes: [0, 3, 7, 12, 20, 31],
    eps: 1e-3,
  });
  assertClose(autodiff, finiteDiff, { atol: 2e-3, rtol: 1e-2 });
  assert.ok(autodiff.some((a) => Math.abs(a) > 0.1)); // the check is not vacuous
});

Deno.test("maxPool2x2() throws a RangeError naming the sides when the maps are 1 pixel high", () => {
  assert.throws(
    () => maxPool2x2(tf.zeros([1, 1, 4, 1])),
    /Cannot max-pool 2×2: expected maps of at least 2×2, got 1×4/,
  );
});
