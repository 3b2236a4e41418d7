import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { countParams, qianetsResnet18 } from "../../lib/models/mod.ts";

await tf.setBackend("cpu");

Deno.test("qianetsResnet18() has the notes' 18,401,364 parameters less the unused ECA when C is 10 (notes §6)", () => {
  assert.equal(countParams(qianetsResnet18({ nClasses: 10 })), 18_401_364 - 5);
});

Deno.test("qianetsResnet18() returns [B, C] logits when the input is 32×32", () => {
  const y = qianetsResnet18({ nClasses: 3, widthScale: 1 / 64 }).apply(
    tf.zeros([1, 32, 32, 3]) as tf.Tensor4D,
    { training: false },
  );
  assert.deepEqual(y.shape, [1, 3]);
});

Deno.test("qianetsResnet18() scales the 1280 features and the 512 head width with widthScale", () => {
  const model = qianetsResnet18({ widthScale: 0.5 });
  const shape = (name: string) =>
    model.variables.find((v) => v.name === name)!.variable.shape;
  assert.deepEqual(shape("fc/kernel"), [256, 640]); // backbone fc 512 → 1280, halved
  assert.deepEqual(shape("msf/conv1/kernel"), [1, 1, 640, 256]);
  assert.deepEqual(shape("msf/conv2/kernel"), [3, 3, 256, 640]);
  assert.deepEqual(shape("head_fc/kernel"), [640, 10]);
});
