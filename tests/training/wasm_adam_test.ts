import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/tfjs/mod.ts";
import { adam } from "../../lib/training/adam.ts";
import { wasmAdam } from "../../lib/training/wasm_adam.ts";

await initBackend("wasm");

/** Three steps of an optimizer on fresh copies of fixed weights and gradients. */
function threeSteps(opt: ReturnType<typeof adam>): Float32Array[] {
  const w = tf.variable(
    tf.tensor2d([[0.5, -1.25], [2, 0.1]]),
    true,
    `w${Math.random()}`,
  );
  const b = tf.variable(tf.tensor1d([0.3, -0.7]), true, `b${Math.random()}`);
  const params = [{ name: "w", variable: w }, { name: "b", variable: b }];
  for (let s = 0; s < 3; s++) {
    const grads = [
      tf.tensor2d([[0.1 * s + 0.2, -3], [1e-4, 7]]),
      tf.tensor1d([-0.5, 0.25 * s]),
    ];
    opt.apply(params, { grads, lr: 0.01 });
    tf.dispose(grads);
  }
  const out = [
    w.dataSync().slice() as Float32Array,
    b.dataSync().slice() as Float32Array,
  ];
  tf.dispose([w, b]);
  return out;
}

Deno.test("wasmAdam() updates the weights exactly as adam()'s PyTorch variant", () => {
  const expected = threeSteps(adam({ learningRate: 0.01 }));
  const got = threeSteps(wasmAdam({ learningRate: 0.01 }));
  assert.deepEqual(got, expected);
  // Hand check of the first coordinate after one step: Adam moves by η·sign(g).
  const one = wasmAdam({ learningRate: 0.01 });
  const v = tf.variable(tf.tensor1d([1]), true, "one-step");
  const g = tf.tensor1d([4]);
  one.apply([{ name: "v", variable: v }], { grads: [g], lr: 0.01 });
  assert.ok(Math.abs(v.dataSync()[0] - 0.99) < 1e-6);
  tf.dispose([v, g]);
});

Deno.test("a matMul after a wasmAdam() step sees the new weights", () => {
  // tfjs-wasm caches XNNPACK operators per weight tensor: weights overwritten
  // in place would leave this product at its old value.
  const w = tf.variable(tf.tensor2d([[1, 2], [3, 4]]), true, "fresh-w");
  const x = tf.tensor2d([[1, 1]]);
  const before = tf.matMul(x, w).dataSync().slice();
  const g = tf.tensor2d([[1, 1], [1, 1]]);
  wasmAdam({ learningRate: 0.5 }).apply([{ name: "w", variable: w }], {
    grads: [g],
    lr: 0.5,
  });
  // First Adam step: every weight moves by −η·sign(g) = −0.5.
  assert.deepEqual(Array.from(tf.matMul(x, w).dataSync()), [
    before[0] - 1,
    before[1] - 1,
  ]);
  tf.dispose([w, x, g]);
});

Deno.test("wasmAdam() keeps its moments across getState()/setState()", async () => {
  const a = wasmAdam();
  const v = tf.variable(tf.tensor1d([1, 2]), true, "state-v");
  const g = tf.tensor1d([0.5, -0.5]);
  a.apply([{ name: "v", variable: v }], { grads: [g], lr: 1e-3 });
  const state = await a.getState();
  assert.equal(state.step, 1);
  assert.deepEqual(
    Array.from(state.slots.get("v/m")!),
    [0.05, -0.05].map(Math.fround),
  );
  const b = wasmAdam();
  b.setState(state);
  assert.deepEqual(await b.getState(), state);
  tf.dispose([v, g]);
});

Deno.test("wasmAdam() names the backend it needs when run elsewhere", async () => {
  await initBackend("cpu");
  try {
    const v = tf.variable(tf.tensor1d([1]), true, "cpu-v");
    assert.throws(
      () =>
        wasmAdam().apply([{ name: "v", variable: v }], {
          grads: [tf.tensor1d([1])],
          lr: 1,
        }),
      /Cannot apply wasmAdam: expected the wasm backend, got cpu/,
    );
    v.dispose();
  } finally {
    await initBackend("wasm");
  }
});
