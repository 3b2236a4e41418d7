import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { countParams, lenet5 } from "../../lib/models/mod.ts";
import { classificationLoss } from "../../lib/training/mod.ts";
import { maxScaledError, randomValues } from "../runtime/tfjs/_compare.ts";

await initBackend("wasm");

Deno.test("lenet5() has the KD notebooks' 44,256 / 44,086 parameters when C = 8 / 6", () => {
  assert.equal(countParams(lenet5({ nClasses: 8 })), 44256);
  assert.equal(countParams(lenet5({ nClasses: 6 })), 44086);
});

Deno.test("lenet5() draws the same weights from the same seed and different ones from another", () => {
  const values = (seed: number) =>
    lenet5({ rng: createRng(seed) }).variables.map((v) =>
      Array.from(v.variable.dataSync())
    );
  assert.deepEqual(values(3), values(3));
  assert.notDeepEqual(values(3), values(4));
});

Deno.test("lenet5() returns [B, C] logits when applied to a batch", () => {
  const y = lenet5({ nClasses: 4 }).apply(tf.zeros([5, 28, 28, 1]), {
    training: false,
  });
  assert.deepEqual(y.shape, [5, 4]);
});

Deno.test("lenet5() gives the same loss gradients on wasm and cpu to 1e-4", async () => {
  const grads = async (backend: "wasm" | "cpu") => {
    await initBackend(backend);
    const model = lenet5({ rng: createRng(1) });
    const x = tf.tensor4d(randomValues(4 * 784, 3), [4, 28, 28, 1]);
    const labels = tf.tensor1d([0, 3, 7, 9], "int32");
    const vars = model.variables.map((v) => v.variable);
    const { grads } = tf.variableGrads(
      () => classificationLoss(model.apply(x, { training: true }), { labels }),
      vars,
    );
    return vars.map((v) => grads[v.name].dataSync() as Float32Array);
  };
  const wasm = await grads("wasm");
  const cpu = await grads("cpu");
  await initBackend("wasm");
  wasm.forEach((g, k) =>
    assert.ok(maxScaledError(g, cpu[k]) <= 1e-4, `variable ${k}`)
  );
});

Deno.test("lenet5() throws a RangeError naming the size when the input is too small", () => {
  assert.throws(
    () => lenet5({ inputSize: 12 }),
    new RangeError(
      "Cannot build LeNet5: expected an input size s with ((s−4)/2−4)/2 a positive integer, got 12",
    ),
  );
});
