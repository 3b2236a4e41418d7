import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/mod.ts";
import { batchNorm2d } from "../../lib/models/mod.ts";

await initBackend("wasm");

Deno.test("batchNorm2d() updates running statistics as PyTorch when training", () => {
  const bn = batchNorm2d("bn", 2, { momentum: 0.5 });
  // Channel 0: 1, 3, 5, 7 (mean 4, unbiased var 20/3); channel 1: all 2.
  const x = tf.tensor4d([1, 2, 3, 2, 5, 2, 7, 2], [2, 2, 1, 2]);
  const y = bn.apply(x, { training: true }).dataSync();
  const [, , mean, variance] = bn.variables.map((v) =>
    Array.from(v.variable.dataSync())
  );
  assert.deepEqual(mean, [2, 1]);
  assert.ok(Math.abs(variance[0] - (0.5 + 0.5 * 20 / 3)) < 1e-5);
  assert.ok(Math.abs(variance[1] - 0.5) < 1e-6);
  const sd = Math.sqrt(5 + 1e-5); // biased variance normalises
  assert.ok(Math.abs(y[0] - (1 - 4) / sd) < 1e-5);
});

Deno.test("batchNorm2d() normalises with the running statistics when not training", () => {
  const bn = batchNorm2d("bn", 1);
  const y = bn.apply(tf.tensor4d([3], [1, 1, 1, 1]), { training: false })
    .dataSync();
  assert.ok(Math.abs(y[0] - 3 / Math.sqrt(1 + 1e-5)) < 1e-6);
});
