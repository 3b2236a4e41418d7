import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../../../lib/runtime/tfjs/mod.ts";
import { randomValues } from "../_compare.ts";

const TOL = 1e-3; // float32 sums of ~100 terms of size ~1

/**
 * g(x) = ⟨c, ∂/∂W ⟨r, conv2d(x, W)⟩⟩: linear in x, so a unit step of x_k
 * changes g by exactly ∂g/∂x_k (up to float32 rounding).
 */
function filterGradProbe(stride: number, pad: "same" | "valid" | number) {
  const w = tf.tensor4d(randomValues(3 * 3 * 2 * 4, 2), [3, 3, 2, 4]);
  const c = tf.tensor4d(randomValues(3 * 3 * 2 * 4, 3), [3, 3, 2, 4]);
  return (xt: tf.Tensor) => {
    const x = xt as tf.Tensor4D;
    const y = tf.conv2d(x, w, stride, pad);
    const r = tf.tensor(randomValues(y.size, 4), y.shape);
    const dw = tf.grad((wv: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(x, wv as tf.Tensor4D, stride, pad), r))
    )(w);
    return tf.sum(tf.mul(dw, c));
  };
}

for (const backend of ["wasm", "cpu"] as const) {
  for (const [stride, pad] of [[1, "same"], [2, 1]] as const) {
    Deno.test(`conv2DBackpropFilterGradConfig gives second-order gradients equal to finite differences on ${backend} when stride ${stride} pad ${pad}`, async () => {
      await initBackend(backend);
      const xv = randomValues(2 * 6 * 6 * 2, 1);
      const g = filterGradProbe(stride, pad);
      const grad = tf.grad(g)(tf.tensor4d(xv, [2, 6, 6, 2])).dataSync();
      const base = g(tf.tensor4d(xv, [2, 6, 6, 2])).dataSync()[0];
      for (const k of [0, 13, 40, 71, 143]) {
        const xk = xv.slice();
        xk[k] += 1;
        const fd = g(tf.tensor4d(xk, [2, 6, 6, 2])).dataSync()[0] - base;
        assert.ok(
          Math.abs(fd - grad[k]) < TOL,
          `k=${k}: fd ${fd} vs ${grad[k]}`,
        );
      }
    });
  }
}
