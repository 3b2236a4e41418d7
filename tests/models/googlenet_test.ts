import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { countParams, googlenet } from "../../lib/models/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

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

Deno.test("googlenet() gives gradients matching finite differences when blocks run in nested tidy scopes", () => {
  const model = googlenet({
    widthScale: 0.0625,
    nClasses: 3,
    rng: createRng(1),
  });
  const rng = createRng(2);
  const x = tf.tensor4d(
    Float32Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.normal()),
    [2, 32, 32, 3],
  );
  const loss = () =>
    tf.sum(tf.square(model.apply(x, { training: false }))) as tf.Scalar;
  const v =
    model.variables.find((u) => u.name === "inception3a/branch1/conv/kernel")!
      .variable;
  const g = tf.variableGrads(loss, [v]).grads[v.name]
    .dataSync() as Float32Array;
  const w = v.dataSync().slice();
  const i = g.reduce(
    (best, gi, k) => (Math.abs(gi) > Math.abs(g[best]) ? k : best),
    0,
  );
  const at = (d: number) => {
    const w2 = w.slice();
    w2[i] += d;
    v.assign(tf.tensor(w2, v.shape));
    return loss().dataSync()[0];
  };
  const eps = 1e-2;
  const fd = (at(eps) - at(-eps)) / (2 * eps);
  assert.ok(
    Math.abs(fd - g[i]) < 0.05 * Math.abs(g[i]),
    `autodiff ${g[i]} vs finite difference ${fd}`,
  );
});
