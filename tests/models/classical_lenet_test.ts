import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { classicalLenet, initParams } from "../../lib/models/mod.ts";
import { assertClose, mixedSecondOrder } from "./_second_order.ts";

await initBackend("cpu");

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

Deno.test("classicalLenet() has the notes' 62,006 parameters and logits [B, 10] when the input is CIFAR-10", () => {
  const net = classicalLenet({ inChannels: 3, inputSize: 32 });
  assert.equal(net.specs.reduce((s, p) => s + size(p.shape), 0), 62006);
  const theta = initParams(net, { rng: createRng(0) });
  assert.deepEqual(net.apply(theta, tf.zeros([2, 32, 32, 3])).shape, [2, 10]);
});

Deno.test("classicalLenet() second derivatives in the input through the weight gradient match finite differences", () => {
  // The hypergradient of dataset distillation: ∂/∂x ⟨v, ∇_θ CE(f(x; θ), y)⟩,
  // through conv2d (Conv2DBackpropFilter's registered gradient), max-pool and dense.
  const net = classicalLenet();
  const rng = createRng(3);
  const theta = initParams(net, { rng });
  const x = tf.tensor4d(
    Float32Array.from({ length: 2 * 28 * 28 }, () => rng.normal()),
    [2, 28, 28, 1],
  );
  const y = tf.oneHot(tf.tensor1d([3, 7], "int32"), 10);
  const f = (xx: tf.Tensor, p: tf.Tensor[]) =>
    tf.losses.meanSquaredError(y, net.apply(p, xx as tf.Tensor4D)) as tf.Scalar;
  const { autodiff, finiteDiff } = mixedSecondOrder(f, x, theta, {
    probes: [100, 350, 406, 600, 900, 1300],
    eps: 3e-3, // small enough that no ReLU or max switches between x ± ε
  });
  assertClose(autodiff, finiteDiff, { atol: 1e-3, rtol: 2e-2 });
  assert.ok(autodiff.some((a) => Math.abs(a) > 1e-2)); // the check is not vacuous
});

Deno.test("classicalLenet() throws a RangeError naming the size when the input is 30 pixels", () => {
  assert.throws(
    () => classicalLenet({ inputSize: 30 }),
    /Cannot build LeNet: expected input size 28 or 32, got 30/,
  );
});
