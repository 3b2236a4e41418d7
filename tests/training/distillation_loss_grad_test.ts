import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs";
import { createRng } from "../../lib/runtime/mod.ts";
import {
  classificationLoss,
  distillationLoss,
} from "../../lib/training/mod.ts";
import { distillationLossGrad } from "../../lib/training/distillation_loss_grad.ts";

await tf.setBackend("cpu");

const ATOL = 1e-5;

function randomRow(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  return new Float64Array(n).map(() => rng.normal());
}

/** tfjs loss and ∂L/∂o for one sample. */
function tfjsLossGrad(
  o: Float64Array,
  options: {
    label: number;
    teacher?: Float64Array;
    alpha?: number;
    impl?: "code" | "paper";
  },
): { loss: number; grad: Float32Array } {
  const labels = tf.tensor1d([options.label], "int32");
  const f = (x: tf.Tensor) =>
    options.teacher === undefined
      ? classificationLoss(x, { labels })
      : distillationLoss(x as tf.Tensor2D, {
        labels,
        teacherLogits: tf.tensor2d(Float32Array.from(options.teacher), [
          1,
          options.teacher.length,
        ]),
        alpha: options.alpha,
        impl: options.impl,
      });
  const x = tf.tensor2d(Float32Array.from(o), [1, o.length]);
  const { value, grad } = tf.valueAndGrad(f)(x);
  return { loss: value.dataSync()[0], grad: grad.dataSync() as Float32Array };
}

Deno.test("distillationLossGrad() equals distillationLoss and its tfjs gradient in both forms, KL on the first C outputs", () => {
  const o = randomRow(1, 16).map((v) => 0.5 + 0.1 * v); // H1-like outputs
  const teacher = randomRow(2, 6).map((v) => 3 * v);
  for (const impl of ["code", "paper"] as const) {
    for (const alpha of [0.9, 0.675, 0]) {
      const want = tfjsLossGrad(o, { label: 4, teacher, alpha, impl });
      const dOut = new Float64Array(16);
      const loss = distillationLossGrad(o, {
        label: 4,
        teacherLogits: teacher,
        alpha,
        impl,
        dOut,
      });
      assert.ok(
        Math.abs(loss - want.loss) < ATOL,
        `${impl} α=${alpha}: ${loss} vs ${want.loss}`,
      );
      for (let k = 0; k < 16; k++) {
        assert.ok(
          Math.abs(dOut[k] - want.grad[k]) < ATOL,
          `${impl} α=${alpha} k=${k}`,
        );
      }
    }
  }
});

Deno.test("distillationLossGrad() equals classificationLoss and its gradient without a teacher", () => {
  const o = randomRow(3, 8);
  const want = tfjsLossGrad(o, { label: 7 });
  const dOut = new Float64Array(8);
  assert.ok(
    Math.abs(distillationLossGrad(o, { label: 7, dOut }) - want.loss) < ATOL,
  );
  for (let k = 0; k < 8; k++) {
    assert.ok(Math.abs(dOut[k] - want.grad[k]) < ATOL);
  }
});
