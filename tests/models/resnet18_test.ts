import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { createRng, initBackend } from "../../lib/runtime/mod.ts";
import { countParams, resnet18 } from "../../lib/models/mod.ts";
import { classificationLoss } from "../../lib/training/mod.ts";

await initBackend("wasm");

Deno.test("resnet18() has torchvision's parameter counts when C = 1000 and with the CIFAR stem", () => {
  assert.equal(countParams(resnet18({ nClasses: 1000 })), 11689512);
  assert.equal(
    countParams(resnet18({ nClasses: 10, stem: "cifar" })),
    11173962,
  );
});

Deno.test("resnet18() trains every trainable variable and updates BN statistics only in training mode", () => {
  const model = resnet18({ nClasses: 10, rng: createRng(2) });
  const x = tf.randomUniform([2, 32, 32, 3], 0, 1, "float32", 5) as tf.Tensor4D;
  const runningMean =
    model.variables.find((v) => v.name === "conv1/bn/running_mean")!.variable;
  const before = runningMean.dataSync().slice();
  assert.deepEqual(model.apply(x, { training: false }).shape, [2, 10]);
  assert.deepEqual(runningMean.dataSync(), before);
  const trainable = model.variables.filter((v) => v.trainable).map((v) =>
    v.variable
  );
  const { grads } = tf.variableGrads(
    () =>
      classificationLoss(model.apply(x, { training: true }), {
        labels: tf.tensor1d([1, 2], "int32"),
      }),
    trainable,
  );
  assert.notDeepEqual(runningMean.dataSync(), before);
  for (const v of trainable) {
    const g = grads[v.name].dataSync();
    assert.ok(g.some((value) => value !== 0), `no gradient for ${v.name}`);
  }
});

Deno.test("resnet18() scales every width when widthScale is 0.5 (count by hand)", () => {
  // Half widths 32, 64, 128, 256; stem 7×7×3×32 + BN; per stage two blocks of
  // two 3×3 convs + BNs, a 1×1 downsample + BN where the width changes; fc 256 → 10.
  const conv = (k: number, i: number, o: number) => k * k * i * o + 2 * o; // kernel + BN γ, β
  let expected = conv(7, 3, 32);
  let nIn = 32;
  for (const w of [32, 64, 128, 256]) {
    expected += conv(3, nIn, w) + conv(3, w, w) + 2 * conv(3, w, w);
    if (w !== nIn) expected += conv(1, nIn, w);
    nIn = w;
  }
  expected += 256 * 10 + 10;
  assert.equal(countParams(resnet18({ widthScale: 0.5 })), expected);
  const y = resnet18({ widthScale: 1 / 16, nClasses: 4 }).apply(
    tf.zeros([2, 32, 32, 3]) as tf.Tensor4D,
    { training: false },
  );
  assert.deepEqual(y.shape, [2, 4]);
});

Deno.test("resnet18() builds a conv as kernel_a [k,k,Cin,r] and kernel_b [1,1,r,Cout] when convRank gives r", () => {
  const model = resnet18({
    convRank: (name) => (name === "layer4.1/conv2" ? 16 : undefined),
  });
  const a = model.variables.find((v) => v.name === "layer4.1/conv2/kernel_a")!;
  const b = model.variables.find((v) => v.name === "layer4.1/conv2/kernel_b")!;
  assert.deepEqual(a.variable.shape, [3, 3, 512, 16]);
  assert.deepEqual(b.variable.shape, [1, 1, 16, 512]);
  assert.ok(!model.variables.some((v) => v.name === "layer4.1/conv2/kernel"));
  assert.equal(
    countParams(model),
    11_181_642 - 3 * 3 * 512 * 512 + 16 * (3 * 3 * 512 + 512),
  );
});

Deno.test("resnet18() throws a RangeError when widthScale is 0", () => {
  assert.throws(() => resnet18({ widthScale: 0 }), {
    name: "RangeError",
    message: "Cannot build ResNet-18: expected widthScale > 0, got 0",
  });
});
