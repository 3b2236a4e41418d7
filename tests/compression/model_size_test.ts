import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { modelSize } from "../../lib/compression/mod.ts";

await tf.setBackend("cpu");

Deno.test("modelSize() counts zeros as stored but not non-zero when a kernel is pruned", () => {
  const model = {
    name: "m",
    variables: [
      {
        name: "k",
        variable: tf.variable(tf.tensor2d([0, 1, 0, 2, 0, 3], [2, 3])),
        trainable: true,
      },
      {
        name: "bn/moving_mean",
        variable: tf.variable(tf.zeros([3]), false),
        trainable: false,
      },
    ],
    apply: (x: tf.Tensor4D) => tf.reshape(x, [1, -1]) as tf.Tensor2D,
  };
  assert.deepEqual(modelSize(model), {
    storedParams: 6,
    nonZeroParams: 3,
    sizeBytes: 36,
  });
});
