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
