import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import {
  lowRankKernel,
  transferFactorized,
} from "../../lib/compression/mod.ts";
import type { Model } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

await tf.setBackend("cpu");

const SHAPE: [number, number, number, number] = [3, 3, 4, 6];

function dense(kernel: Float32Array): Model {
  const k = tf.variable(tf.tensor4d(kernel, SHAPE));
  const b = tf.variable(tf.tensor1d([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]));
  return {
    name: "dense",
    variables: [{ name: "c/kernel", variable: k, trainable: true }, {
      name: "c/bias",
      variable: b,
      trainable: true,
    }],
    apply: (x) =>
      tf.reshape(tf.add(tf.conv2d(x, k as tf.Tensor4D, 2, "same"), b), [
        x.shape[0],
        -1,
      ]) as tf.Tensor2D,
  };
}

function factorized(rank: number): Model {
  const a = tf.variable(tf.zeros([3, 3, 4, rank]));
  const c = tf.variable(tf.zeros([1, 1, rank, 6]));
  const b = tf.variable(tf.zeros([6]));
  return {
    name: "factorized",
    variables: [
      { name: "c/kernel_a", variable: a, trainable: true },
      { name: "c/kernel_b", variable: c, trainable: true },
      { name: "c/bias", variable: b, trainable: true },
    ],
    apply: (x) => {
      const h = tf.conv2d(
        tf.conv2d(x, a as tf.Tensor4D, 2, "same"),
        c as tf.Tensor4D,
        1,
        "same",
      );
      return tf.reshape(tf.add(h, b), [x.shape[0], -1]) as tf.Tensor2D;
    },
  };
}

Deno.test("transferFactorized() makes the factorized twin match the dense rank-r model when rank is 2 or full", () => {
  const rng = createRng(1);
  const kernel = Float32Array.from(
    { length: 3 * 3 * 4 * 6 },
    () => rng.normal(),
  );
  const x = tf.tensor4d(
    Float32Array.from({ length: 2 * 6 * 6 * 4 }, () => rng.normal()),
    [2, 6, 6, 4],
  );
  for (const rank of [2, 6]) {
    const twin = factorized(rank);
    assert.equal(transferFactorized(dense(kernel), twin), 1);
    const reference = dense(lowRankKernel(kernel, SHAPE, { rank })).apply(x, {
      training: false,
    });
    const diff =
      tf.max(tf.abs(tf.sub(twin.apply(x, { training: false }), reference)))
        .dataSync()[0];
    assert.ok(diff < 1e-4, `rank ${rank}: ${diff}`);
  }
});

Deno.test("transferFactorized() throws a RangeError naming the variable when no source matches", () => {
  const lonely: Model = {
    name: "x",
    variables: [{
      name: "other/w",
      variable: tf.variable(tf.zeros([2])),
      trainable: true,
    }],
    apply: (x) => tf.reshape(x, [1, -1]) as tf.Tensor2D,
  };
  assert.throws(
    () => transferFactorized(dense(new Float32Array(216)), lonely),
    {
      name: "RangeError",
      message:
        'Cannot transfer "other/w" [2]: expected a source variable of the same shape or a dense "<layer>/kernel" to factorize, got none',
    },
  );
});
