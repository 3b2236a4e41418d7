import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import type { Model } from "../../lib/models/mod.ts";
import { adam } from "../../lib/training/mod.ts";
import { trainStudent } from "../../lib/training/train_student.ts";

await tf.setBackend("cpu");

type Shape = [number, number, number, number];

/** Logits = bias, whatever the image: the distillation optimum is the teacher's logits + const. */
function biasModel(nClasses: number): Model {
  const bias = tf.variable(tf.zeros([nClasses]));
  return {
    name: "bias",
    variables: [{ name: "bias", variable: bias, trainable: true }],
    apply: (x) =>
      tf.tile(tf.reshape(bias, [1, nClasses]), [x.shape[0], 1]) as tf.Tensor2D,
  };
}

/** Logits = x·w for 2-pixel images. */
function linearModel(): Model {
  const w = tf.variable(tf.zeros([2, 2]));
  return {
    name: "linear",
    variables: [{ name: "w", variable: w, trainable: true }],
    apply: (x) => tf.matMul(tf.reshape(x, [x.shape[0], 2]), w) as tf.Tensor2D,
  };
}

function softmax(z: number[]): number[] {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

Deno.test("trainStudent() fits a separable task and records test accuracy when no teacher is given", async () => {
  const n = 20;
  const images = new Float32Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    images[2 * i + labels[i]] = 1;
  }
  const set = { images, shape: [n, 1, 2, 1] as Shape, labels };
  const { history } = await trainStudent(linearModel(), set, {
    epochs: 5,
    batchSize: 4,
    optimizer: adam({ learningRate: 0.1 }),
    rng: createRng(1),
    test: set,
    progressLabel: null,
  });
  assert.equal(history.length, 5);
  assert.ok(history[4].train_loss < history[0].train_loss);
  assert.equal(history[4].test_accuracy, 1);
});

Deno.test("trainStudent() drives the student's distribution to the teacher's when only the KL term counts", async () => {
  const n = 8;
  const teacherRow = [2, -1, 0.5];
  const set = {
    images: new Float32Array(n),
    shape: [n, 1, 1, 1] as Shape,
    labels: new Uint8Array(n),
  };
  const logits = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) logits.set(teacherRow, 3 * i);
  const model = biasModel(3);
  await trainStudent(model, set, {
    epochs: 60,
    batchSize: 4,
    optimizer: adam({ learningRate: 0.05 }),
    rng: createRng(2),
    // paper form with α = 1: L = T²·KL(softmax(t/T) ‖ softmax(o/T)), minimised at o = t + const.
    teacher: { logits, nClasses: 3, alpha: 1, impl: "paper" },
    progressLabel: null,
  });
  const got = softmax(Array.from(model.variables[0].variable.dataSync()));
  const want = softmax(teacherRow);
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(got[c] - want[c]) < 1e-2, `${got} vs ${want}`);
  }
});

Deno.test("trainStudent() names expected versus got when teacher logits do not cover the set", async () => {
  const set = {
    images: new Float32Array(4),
    shape: [4, 1, 1, 1] as Shape,
    labels: new Uint8Array(4),
  };
  await assert.rejects(
    () =>
      trainStudent(biasModel(2), set, {
        epochs: 1,
        optimizer: adam(),
        rng: createRng(1),
        teacher: { logits: new Float32Array(6), nClasses: 2 },
      }),
    /Cannot distil: expected 4×2 teacher logits, got 6/,
  );
});
