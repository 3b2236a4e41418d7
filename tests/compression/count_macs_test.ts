import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { countMacs } from "../../lib/compression/mod.ts";
import type { Model } from "../../lib/models/mod.ts";

await tf.setBackend("cpu");

Deno.test("countMacs() matches a hand count when the model is conv, depthwise, 1-D conv and dense", async () => {
  const c1 = tf.zeros([3, 3, 3, 4]) as tf.Tensor4D; // 3×3, 3 → 4, stride 2, same: 8×8 → 4×4
  const dw = tf.zeros([3, 3, 4, 1]) as tf.Tensor4D; // depthwise 3×3 on 4×4×4
  const eca = tf.zeros([5, 1, 1]) as tf.Tensor3D; // ECA's 1-D conv over 4 channels
  const fc = tf.zeros([64, 10]) as tf.Tensor2D;
  const model: Model = {
    name: "hand",
    variables: [],
    apply: (x) =>
      tf.tidy(() => {
        const h = tf.depthwiseConv2d(
          tf.conv2d(x, c1, 2, "same"),
          dw,
          1,
          "same",
        );
        const gate = tf.conv1d(
          tf.reshape(tf.mean(h, [1, 2]), [-1, 4, 1]) as tf.Tensor3D,
          eca,
          1,
          "same",
        );
        const g = tf.mul(h, tf.reshape(tf.sigmoid(gate), [-1, 1, 1, 4]));
        return tf.matMul(tf.reshape(g, [-1, 64]) as tf.Tensor2D, fc);
      }),
  };
  const macs = await countMacs(model, { inputShape: [8, 8, 3] });
  const hand = 4 * 4 * 4 * (3 * 3 * 3) + // conv: |out| · kH·kW·Cin
    4 * 4 * 4 * (3 * 3) + // depthwise: |out| · kH·kW
    4 * 5 + // conv1d: 4 outputs · k
    10 * 64; // dense: 10 outputs · 64
  assert.equal(macs.total, hand);
  assert.equal(macs.layers.length, 4);
});
