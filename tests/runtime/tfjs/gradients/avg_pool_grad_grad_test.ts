import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../../../lib/runtime/tfjs/mod.ts";
import { randomValues } from "../_compare.ts";

Deno.test("avgPoolGradGradConfig gives second-order gradients equal to finite differences on wasm when pooling 2x2", async () => {
  await initBackend("wasm");
  // h(s) = ⟨c, ∂/∂x ⟨s ⊙ r, avgPool(x)⟩⟩ is linear in s.
  const x = tf.tensor4d(randomValues(2 * 4 * 4 * 3, 1), [2, 4, 4, 3]);
  const r = tf.tensor4d(randomValues(2 * 2 * 2 * 3, 2), [2, 2, 2, 3]);
  const c = tf.tensor4d(randomValues(2 * 4 * 4 * 3, 3), [2, 4, 4, 3]);
  const h = (s: tf.Tensor) => {
    const dx = tf.grad((xv: tf.Tensor) =>
      tf.sum(tf.mul(tf.mul(tf.avgPool(xv as tf.Tensor4D, 2, 2, "valid"), r), s))
    )(x);
    return tf.sum(tf.mul(dx, c));
  };
  const sv = randomValues(24, 4);
  const grad = tf.grad(h)(tf.tensor4d(sv, [2, 2, 2, 3])).dataSync();
  const base = h(tf.tensor4d(sv, [2, 2, 2, 3])).dataSync()[0];
  for (let k = 0; k < 24; k += 5) {
    const sk = sv.slice();
    sk[k] += 1;
    const fd = h(tf.tensor4d(sk, [2, 2, 2, 3])).dataSync()[0] - base;
    assert.ok(Math.abs(fd - grad[k]) < 1e-4, `k=${k}: fd ${fd} vs ${grad[k]}`);
  }
});
