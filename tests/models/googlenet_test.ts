import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { countParams, googlenet } from "../../lib/models/mod.ts";

await tf.setBackend("cpu");

Deno.test("googlenet() has the notes' parameter counts when the head is baseline or qianets (notes §6)", () => {
  assert.equal(countParams(googlenet({ nClasses: 10 })), 5_610_154); // torchvision 6,624,904 with a 10-class fc
  // Notes: 10,864,830 counts the code's unused ECA (5) and unused second fc 1024 → 10 (10,250)
  assert.equal(
    countParams(googlenet({ nClasses: 10, head: "qianets" })),
    10_864_830 - 5 - 10_250,
  );
  assert.equal(countParams(googlenet({ nClasses: 1000 })), 6_624_904);
});

Deno.test("googlenet() returns [B, C] logits when the input is 32×32", () => {
  for (const head of ["baseline", "qianets"] as const) {
    const model = googlenet({ head, nClasses: 7, widthScale: 0.125 });
    const y = model.apply(tf.zeros([2, 32, 32, 3]) as tf.Tensor4D, {
      training: true,
    });
    assert.deepEqual(y.shape, [2, 7]);
  }
});

Deno.test("googlenet() builds a conv as kernel_a [k,k,Cin,r] and kernel_b [1,1,r,Cout] when convRank gives r", () => {
  const model = googlenet({
    convRank: (name) => (name === "conv3/conv" ? 8 : undefined),
  });
  const names = model.variables.map((v) => v.name);
  assert.ok(!names.includes("conv3/conv/kernel"));
  const a = model.variables.find((v) => v.name === "conv3/conv/kernel_a")!;
  const b = model.variables.find((v) => v.name === "conv3/conv/kernel_b")!;
  assert.deepEqual(a.variable.shape, [3, 3, 64, 8]);
  assert.deepEqual(b.variable.shape, [1, 1, 8, 192]);
  assert.equal(
    countParams(model),
    5_610_154 - 3 * 3 * 64 * 192 + 8 * (3 * 3 * 64 + 192),
  );
});

Deno.test("googlenet() throws a RangeError when widthScale is 0", () => {
  assert.throws(() => googlenet({ widthScale: 0 }), {
    name: "RangeError",
    message: "Cannot build GoogLeNet: expected widthScale > 0, got 0",
  });
});
