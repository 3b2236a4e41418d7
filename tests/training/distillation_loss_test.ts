import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { distillationLoss } from "../../lib/training/distillation_loss.ts";

await tf.setBackend("cpu");

const T = 3;
const ALPHA = 0.9;
const ATOL = 1e-5;

function softmax(z: number[], temperature = 1): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function kl(q: number[], s: number[]): number {
  return q.reduce(
    (acc, qc, c) => acc + qc * (Math.log(qc) - Math.log(s[c])),
    0,
  );
}

// Two samples, 8 student outputs (the H1 head of 3 qubits), 6 teacher classes.
const STUDENT = [
  [0.61, 0.55, 0.7, 0.52, 0.6, 0.58, 0.31, 0.42],
  [0.5, 0.73, 0.66, 0.27, 0.44, 0.69, 0.35, 0.6],
];
const TEACHER = [
  [4.1, -1.2, 0.3, 2.2, -0.5, 1.0],
  [-2.0, 5.5, 0.1, 0.4, 1.3, -0.7],
];
const LABELS = [3, 1];

function reference(impl: "code" | "paper", student: number[][]): number {
  let total = 0;
  for (let b = 0; b < student.length; b++) {
    const ce = -Math.log(softmax(student[b])[LABELS[b]]);
    const o = impl === "code"
      ? student[b].slice(0, TEACHER[b].length)
      : student[b];
    const klValue = kl(softmax(TEACHER[b], T), softmax(o, T));
    total += (impl === "code" ? ce : (1 - ALPHA) * ce) +
      ALPHA * T * T * klValue;
  }
  return total / student.length;
}

function lossOf(impl: "code" | "paper", student: tf.Tensor2D): tf.Scalar {
  return distillationLoss(student, {
    labels: tf.tensor1d(LABELS, "int32"),
    teacherLogits: tf.tensor2d(TEACHER),
    impl,
    ...(impl === "paper" ? {} : { temperature: T, alpha: ALPHA }),
  });
}

Deno.test("distillationLoss() is CE over all outputs + α·T²·KL on the first C outputs when impl is code", () => {
  const got = lossOf("code", tf.tensor2d(STUDENT)).dataSync()[0];
  assert.ok(Math.abs(got - reference("code", STUDENT)) < ATOL, `${got}`);
});

Deno.test("distillationLoss() is (1 − α)·CE + α·T²·KL on all logits when impl is paper", () => {
  const student = STUDENT.map((row) => row.slice(0, 6).map((v) => 3 * v));
  const got = lossOf("paper", tf.tensor2d(student)).dataSync()[0];
  assert.ok(Math.abs(got - reference("paper", student)) < ATOL, `${got}`);
});

Deno.test("distillationLoss() is (1 − α)·CE + α·T²·KL on the first C outputs when impl is paper and K > C", () => {
  const got = lossOf("paper", tf.tensor2d(STUDENT)).dataSync()[0];
  let expected = 0;
  for (let b = 0; b < 2; b++) {
    const ce = -Math.log(softmax(STUDENT[b])[LABELS[b]]);
    const klValue = kl(
      softmax(TEACHER[b], T),
      softmax(STUDENT[b].slice(0, 6), T),
    );
    expected += ((1 - ALPHA) * ce + ALPHA * T * T * klValue) / 2;
  }
  assert.ok(Math.abs(got - expected) < ATOL, `${got} vs ${expected}`);
});

Deno.test("distillationLoss() has gradient (softmax(o) − onehot + α·T·(s − q)) / B when impl is code", () => {
  const grad = tf.grad((o: tf.Tensor) => lossOf("code", o as tf.Tensor2D))(
    tf.tensor2d(STUDENT),
  ).arraySync() as number[][];
  for (let b = 0; b < 2; b++) {
    const p = softmax(STUDENT[b]);
    const s = softmax(STUDENT[b].slice(0, 6), T);
    const q = softmax(TEACHER[b], T);
    for (let k = 0; k < 8; k++) {
      let expected = p[k] - (k === LABELS[b] ? 1 : 0);
      if (k < 6) expected += ALPHA * T * (s[k] - q[k]);
      assert.ok(Math.abs(grad[b][k] - expected / 2) < ATOL, `[${b}, ${k}]`);
    }
  }
});

Deno.test("distillationLoss() names expected versus got when shapes or hyperparameters are wrong", () => {
  const labels = tf.tensor1d([0], "int32");
  assert.throws(
    () =>
      distillationLoss(tf.zeros([1, 4]), {
        labels,
        teacherLogits: tf.zeros([1, 6]),
      }),
    /Cannot compute the distillation loss: expected student outputs \[1, ≥6\] for teacher logits \[1, 6\], got \[1, 4\]/,
  );
  assert.throws(
    () =>
      distillationLoss(tf.zeros([1, 6]), {
        labels,
        teacherLogits: tf.zeros([1, 6]),
        alpha: 2,
      }),
    /Cannot compute the distillation loss: expected T > 0 and α in \[0, 1\], got T=3 α=2/,
  );
});
