import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import { kdStudentV1, kdStudentV1Cpu } from "../../lib/models/mod.ts";
import {
  distillationLossGrad,
  trainKdStudentV1,
  typedAdam,
} from "../../lib/training/mod.ts";

await tf.setBackend("cpu");

type Shape = [number, number, number, number];

/** Class c lights the c-th 7-row band of the image, plus seeded noise. */
function bands(n: number, nClasses: number, seed: number) {
  const rng = createRng(seed);
  const images = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % nClasses;
    for (let p = 0; p < 784; p++) {
      const lit = Math.floor(p / 28 / 7) === labels[i];
      images[i * 784 + p] = lit ? 200 + rng.int(56) : rng.int(40);
    }
  }
  return { images, shape: [n, 28, 28, 1] as Shape, labels };
}

Deno.test("trainKdStudentV1() learns a separable task and records trainStudent's epoch fields", async () => {
  const train = bands(48, 2, 1);
  const test = bands(24, 2, 2);
  const model = kdStudentV1({ nQubits: 2, shots: 2000, rng: createRng(3) });
  const { history } = await trainKdStudentV1(model, train, {
    epochs: 4,
    learningRate: 3e-3,
    rng: createRng(4),
    test,
    progressLabel: null,
  });
  assert.deepEqual(Object.keys(history[0]).sort(), [
    "epoch",
    "test_accuracy",
    "test_loss",
    "train_accuracy",
    "train_loss",
  ]);
  assert.ok(
    history[3].train_loss < history[0].train_loss,
    JSON.stringify(history),
  );
  assert.equal(history[3].test_accuracy, 1);
});

Deno.test("trainKdStudentV1() repeats its history and weights when seeded alike", async () => {
  const train = bands(12, 3, 5);
  const logits = new Float32Array(12 * 3).map((_, i) => (i % 3) - 1);
  const run = async () => {
    const model = kdStudentV1({ nQubits: 3, shots: 500, rng: createRng(1) });
    const { history } = await trainKdStudentV1(model, train, {
      epochs: 2,
      rng: createRng(2),
      test: train,
      teacher: { logits, nClasses: 3 },
      progressLabel: null,
    });
    return { history, w: Array.from(model.variables[6].variable.dataSync()) };
  };
  assert.deepEqual(await run(), await run());
});

Deno.test("trainKdStudentV1() takes one step as kdStudentV1Cpu, distillationLossGrad and typedAdam compose by hand", async () => {
  const train = bands(1, 2, 7);
  const teacherLogits = new Float32Array([1.5, -0.5]);
  const setting = { nQubits: 3, gradient: "exact", rng: createRng(8) } as const;
  const trained = kdStudentV1(setting);
  await trainKdStudentV1(trained, train, {
    epochs: 1,
    rng: createRng(9),
    teacher: { logits: teacherLogits, nClasses: 2, impl: "paper" },
    progressLabel: null,
  });
  const model = kdStudentV1(setting);
  const student = kdStudentV1Cpu(model, { rng: createRng(9) });
  const x = Float32Array.from(train.images, (v) => v * (1 / 255));
  const o = student.forward(x, { training: true });
  const dOut = new Float64Array(o.length);
  distillationLossGrad(o, {
    label: train.labels[0],
    teacherLogits,
    impl: "paper",
    dOut,
  });
  student.backward(dOut);
  typedAdam(student.params.length).step(student.params, student.grads);
  student.writeTo(model);
  for (let v = 0; v < model.variables.length; v++) {
    const want = model.variables[v].variable.dataSync();
    const got = trained.variables[v].variable.dataSync();
    assert.deepEqual(Array.from(got), Array.from(want), `variable ${v}`);
  }
});

Deno.test("trainKdStudentV1() names expected versus got for wrong image sizes or teacher logits", async () => {
  const model = kdStudentV1({ nQubits: 3, rng: createRng(1) });
  const small = {
    images: new Uint8Array(4 * 16),
    shape: [4, 4, 4, 1] as Shape,
    labels: new Uint8Array(4),
  };
  await assert.rejects(
    () =>
      trainKdStudentV1(model, small, {
        epochs: 1,
        rng: createRng(1),
        progressLabel: null,
      }),
    /Cannot train the v1 student: expected 28×28×1 images, got 4×4×1/,
  );
  await assert.rejects(
    () =>
      trainKdStudentV1(model, bands(4, 2, 1), {
        epochs: 1,
        rng: createRng(1),
        teacher: { logits: new Float32Array(6), nClasses: 2 },
        progressLabel: null,
      }),
    /Cannot distil: expected 4×2 teacher logits, got 6/,
  );
});
