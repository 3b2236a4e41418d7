import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/mod.ts";
import { classificationLoss } from "../../lib/training/mod.ts";

await initBackend("wasm");

Deno.test("classificationLoss() equals −mean log softmax at the label when cross_entropy", () => {
  const z = [[1, 2, 3], [0, -1, 4]];
  const expected = -(
    (1 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3))) +
    (-1 - Math.log(1 + Math.exp(-1) + Math.exp(4)))
  ) / 2;
  const got = classificationLoss(tf.tensor2d(z), {
    labels: tf.tensor1d([0, 1], "int32"),
  });
  assert.ok(Math.abs(got.dataSync()[0] - expected) < 1e-6);
});

Deno.test("classificationLoss() equals mean −[y log σ(z) + (1−y) log(1−σ(z))] when binary, also for large |z|", () => {
  const z = [2, -30, 40];
  const y = [1, 0, 0];
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const terms = z.map((v, i) =>
    i === 2 ? v : -(y[i] * Math.log(sig(v)) + (1 - y[i]) * Math.log(1 - sig(v)))
  );
  const expected = terms.reduce((a, b) => a + b, 0) / 3; // log(1+e^40) ≈ 40
  const got = classificationLoss(tf.tensor2d(z, [3, 1]), {
    labels: tf.tensor1d(y, "int32"),
    kind: "binary_cross_entropy",
  });
  assert.ok(Math.abs(got.dataSync()[0] - expected) < 1e-5);
});
