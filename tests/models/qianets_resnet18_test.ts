import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { countParams, qianetsResnet18 } from "../../lib/models/mod.ts";

await tf.setBackend("cpu");

Deno.test("qianetsResnet18() has the notes' 18,401,364 parameters less the unused ECA when C is 10 (notes §6)", () => {
  assert.equal(countParams(qianetsResnet18({ nClasses: 10 })), 18_401_364 - 5);
});

Deno.test("qianetsResnet18() returns [B, C] logits when the input is 32×32", () => {
  const y = qianetsResnet18({ nClasses: 3, nHidden: 8 }).apply(
    tf.zeros([1, 32, 32, 3]) as tf.Tensor4D,
    { training: false },
  );
  assert.deepEqual(y.shape, [1, 3]);
});
