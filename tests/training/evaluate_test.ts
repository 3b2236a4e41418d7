import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../lib/runtime/mod.ts";
import type { Model } from "../../lib/models/mod.ts";
import { evaluate, rocAuc } from "../../lib/training/mod.ts";

await initBackend("wasm");

/** A fixed two-class "model": logits (0, mean pixel − 0.5). */
const meanModel: Model = {
  name: "mean",
  variables: [],
  apply: (x) =>
    tf.tidy(() => {
      const m = tf.sub(tf.mean(tf.reshape(x, [x.shape[0], -1]), 1, true), 0.5);
      return tf.concat([tf.zerosLike(m), m], 1) as tf.Tensor2D;
    }),
};

Deno.test("evaluate() gives accuracy and AUC of the class-1 margin across batch boundaries", async () => {
  const pixels = [10, 200, 130, 90, 250, 30, 140]; // 1×1 images
  const labels = new Uint8Array([0, 1, 1, 1, 1, 0, 0]);
  const result = await evaluate(meanModel, {
    images: new Uint8Array(pixels),
    shape: [7, 1, 1, 1],
    labels,
  }, { batchSize: 3 });
  const predicted = pixels.map((p) => (p / 255 > 0.5 ? 1 : 0));
  const acc = predicted.filter((p, i) => p === labels[i]).length / 7;
  assert.ok(Math.abs(result.accuracy - acc) < 1e-12);
  assert.ok(Math.abs(result.auc! - rocAuc(pixels, labels)) < 1e-12);
});
