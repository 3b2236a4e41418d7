import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/mod.ts";
import { sgd } from "../../lib/training/mod.ts";

await initBackend("wasm");

Deno.test("sgd() follows PyTorch's momentum buffer when gradients are 1, 2, 3", () => {
  const w = tf.variable(tf.scalar(1));
  const opt = sgd({ momentum: 0.9 });
  for (const g of [1, 2, 3]) {
    opt.apply([{ name: "w", variable: w }], { grads: [tf.scalar(g)], lr: 0.1 });
  }
  // b = 1, 2.9, 5.61; w = 1 − 0.1·(1 + 2.9 + 5.61)
  assert.ok(Math.abs(w.dataSync()[0] - 0.049) < 1e-6);
});

Deno.test("sgd() adds λθ to the gradient when weight decay is set", () => {
  const w = tf.variable(tf.scalar(2));
  sgd({ weightDecay: 0.5 }).apply([{ name: "w", variable: w }], {
    grads: [tf.scalar(1)],
    lr: 0.1,
  });
  assert.ok(Math.abs(w.dataSync()[0] - (2 - 0.1 * (1 + 0.5 * 2))) < 1e-6);
});

Deno.test("sgd() applies g + μb when Nesterov", () => {
  const w = tf.variable(tf.scalar(0));
  const opt = sgd({ momentum: 0.5, nesterov: true });
  opt.apply([{ name: "w", variable: w }], { grads: [tf.scalar(1)], lr: 1 }); // b=1, u=1.5
  opt.apply([{ name: "w", variable: w }], { grads: [tf.scalar(1)], lr: 1 }); // b=1.5, u=1.75
  assert.ok(Math.abs(w.dataSync()[0] - -3.25) < 1e-6);
});

Deno.test("sgd() resumes identically when its state is restored", async () => {
  const a = tf.variable(tf.tensor2d([[1, 2], [3, 4]]));
  const b = tf.variable(tf.tensor2d([[1, 2], [3, 4]]));
  const optA = sgd({ momentum: 0.9 });
  const optB = sgd({ momentum: 0.9 });
  const g = () => [tf.tensor2d([[0.1, -0.2], [0.3, 0.5]])];
  optA.apply([{ name: "w", variable: a }], { grads: g(), lr: 0.1 });
  optB.setState(await optA.getState());
  b.assign(a);
  optA.apply([{ name: "w", variable: a }], { grads: g(), lr: 0.1 });
  optB.apply([{ name: "w", variable: b }], { grads: g(), lr: 0.1 });
  assert.deepEqual(a.dataSync(), b.dataSync());
});

Deno.test("sgd() throws a RangeError when momentum is 1", () => {
  assert.throws(
    () => sgd({ momentum: 1 }),
    new RangeError("Cannot create SGD: expected 0 ≤ momentum < 1, got 1"),
  );
});
