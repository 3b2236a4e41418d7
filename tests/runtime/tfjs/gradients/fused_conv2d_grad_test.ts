import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../../../lib/runtime/mod.ts";
import { ATOL, maxScaledError, randomValues } from "../_compare.ts";

for (const activation of ["linear", "relu"] as const) {
  Deno.test(`fusedConv2DGradConfig equals the unfused conv + bias + ${activation} gradients on wasm when stride 2 pad 1`, async () => {
    await initBackend("wasm");
    const x = tf.tensor4d(randomValues(2 * 7 * 7 * 3, 1), [2, 7, 7, 3]);
    const w = tf.tensor4d(randomValues(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
    const b = tf.tensor1d(randomValues(4, 3));
    const r = tf.tensor4d(randomValues(2 * 4 * 4 * 4, 4), [2, 4, 4, 4]);
    const act = (z: tf.Tensor) => activation === "relu" ? tf.relu(z) : z;
    const fused = tf.grads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => {
      const y = tf.engine().runKernel("FusedConv2D", {
        x: xs,
        filter: ws,
        bias: bs,
      }, {
        strides: 2,
        pad: 1,
        dataFormat: "NHWC",
        dilations: 1,
        activation,
      }) as tf.Tensor;
      return tf.sum(tf.mul(y, r));
    })([x, w, b]);
    const plain = tf.grads((xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
      tf.sum(
        tf.mul(
          act(
            tf.add(tf.conv2d(xs as tf.Tensor4D, ws as tf.Tensor4D, 2, 1), bs),
          ),
          r,
        ),
      )
    )([x, w, b]);
    for (let k = 0; k < 3; k++) {
      const err = maxScaledError(
        fused[k].dataSync() as Float32Array,
        plain[k].dataSync() as Float32Array,
      );
      assert.ok(err <= ATOL, `input ${k}: ${err}`);
    }
  });
}
