import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { countParams, densenet121 } from "../../lib/models/mod.ts";

await tf.setBackend("cpu");

Deno.test("densenet121() has the notes' parameter counts when the head is baseline or qianets (notes §6)", () => {
  assert.equal(countParams(densenet121({ nClasses: 10 })), 6_964_106);
  assert.equal(countParams(densenet121({ nClasses: 1000 })), 7_978_856); // torchvision
  assert.equal(
    countParams(densenet121({ nClasses: 10, head: "qianets" })),
    12_208_532,
  ); // single-fc head
});

Deno.test("densenet121() returns [B, C] logits when the input is 32×32", () => {
  for (const head of ["baseline", "qianets"] as const) {
    const model = densenet121({ head, nClasses: 4, widthScale: 0.125 });
    const y = model.apply(tf.zeros([2, 32, 32, 3]) as tf.Tensor4D, {
      training: false,
    });
    assert.deepEqual(y.shape, [2, 4]);
  }
});

Deno.test("densenet121() throws a RangeError when widthScale is negative", () => {
  assert.throws(() => densenet121({ widthScale: -1 }), {
    name: "RangeError",
    message: "Cannot build DenseNet-121: expected widthScale > 0, got -1",
  });
});
