import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/mod.ts";
import { adam } from "../../lib/training/mod.ts";

await initBackend("wasm");

/** Three Adam steps on one scalar with gradients 0.5, −1, 2, written out in float64. */
function reference(variant: "pytorch" | "keras", eps: number): number {
  let theta = 1, m = 0, v = 0;
  const lr = 0.01, b1 = 0.9, b2 = 0.999;
  [0.5, -1, 2].forEach((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    theta -= variant === "pytorch"
      ? lr * (m / (1 - b1 ** t)) / (Math.sqrt(v / (1 - b2 ** t)) + eps)
      : lr * Math.sqrt(1 - b2 ** t) / (1 - b1 ** t) * m / (Math.sqrt(v) + eps);
  });
  return theta;
}

function run(variant: "pytorch" | "keras", epsilon: number): number {
  const w = tf.variable(tf.scalar(1));
  const opt = adam({ learningRate: 0.01, variant, epsilon });
  for (const g of [0.5, -1, 2]) {
    opt.apply([{ name: "w", variable: w }], {
      grads: [tf.scalar(g)],
      lr: 0.01,
    });
  }
  return w.dataSync()[0];
}

for (const variant of ["pytorch", "keras"] as const) {
  Deno.test(`adam() matches the ${variant} update when ε is large enough to matter`, () => {
    // ε = 0.1 makes the two placements of ε give visibly different results.
    assert.ok(Math.abs(run(variant, 0.1) - reference(variant, 0.1)) < 1e-6);
    assert.ok(Math.abs(run(variant, 1e-8) - reference(variant, 1e-8)) < 1e-6);
  });
}

Deno.test("adam() defaults ε to 1e-8 for pytorch and 1e-7 for keras", () => {
  const w = tf.variable(tf.scalar(0));
  const step = (variant: "pytorch" | "keras") => {
    w.assign(tf.scalar(0));
    // Gradient 1e-7: √v̂ = 1e-7, so ε decides the step size.
    adam({ learningRate: 1, variant }).apply([{ name: "w", variable: w }], {
      grads: [tf.scalar(1e-7)],
      lr: 1,
    });
    return w.dataSync()[0];
  };
  assert.ok(Math.abs(step("pytorch") - -1e-7 / (1e-7 + 1e-8)) < 1e-5);
  // Keras: η·√(1−β₂)/(1−β₁) · m/(√v + ε) with m = 1e-8, v = 1e-17 (no bias correction inside).
  const keras = (Math.sqrt(0.001) / 0.1) * 1e-8 / (Math.sqrt(1e-17) + 1e-7);
  assert.ok(Math.abs(step("keras") - -keras) < 1e-5);
});

Deno.test("adam() resumes identically when its state is restored", async () => {
  const a = tf.variable(tf.tensor1d([1, 2]));
  const b = tf.variable(tf.tensor1d([1, 2]));
  const optA = adam({ weightDecay: 0.1 });
  const optB = adam({ weightDecay: 0.1 });
  const g = () => [tf.tensor1d([0.3, -0.7])];
  optA.apply([{ name: "w", variable: a }], { grads: g(), lr: 0.1 });
  optB.setState(await optA.getState());
  b.assign(a);
  optA.apply([{ name: "w", variable: a }], { grads: g(), lr: 0.1 });
  optB.apply([{ name: "w", variable: b }], { grads: g(), lr: 0.1 });
  assert.deepEqual(a.dataSync(), b.dataSync());
});

Deno.test("adam() throws a RangeError naming the values when β is out of range", () => {
  assert.throws(
    () => adam({ beta1: 1 }),
    new RangeError(
      "Cannot create Adam: expected 0 ≤ β < 1 and ε > 0, got β1=1 β2=0.999 ε=1e-8",
    ),
  );
});

const adapter = await globalThis.navigator?.gpu?.requestAdapter().catch(() =>
  null
);

Deno.test({
  name:
    "adam() gives the same updates on webgpu (device moments) as on wasm, also after a state restore",
  ignore: adapter == null,
  fn: async () => {
    const run = async (backend: "wasm" | "webgpu") => {
      await initBackend(backend);
      const w = tf.variable(tf.tensor2d([[1, -2], [3, 0.5]]));
      const opt = adam({ learningRate: 0.05, weightDecay: 0.01 });
      const g = () => [tf.tensor2d([[0.2, -0.4], [1, 3]])];
      opt.apply([{ name: "w", variable: w }], { grads: g(), lr: 0.05 });
      const resumed = adam({ learningRate: 0.05, weightDecay: 0.01 });
      resumed.setState(await opt.getState());
      resumed.apply([{ name: "w", variable: w }], { grads: g(), lr: 0.05 });
      return Array.from(await w.data());
    };
    const onGpu = await run("webgpu");
    const onWasm = await run("wasm");
    onGpu.forEach((v, i) => assert.ok(Math.abs(v - onWasm[i]) < 1e-5));
  },
});
