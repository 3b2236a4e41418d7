/**
 * Test helpers for the saved-input gradient fixes: first derivatives against
 * float64 truths and Hessian-vector products against central finite
 * differences of the first derivative.
 *
 * @module
 */

import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../../../lib/runtime/tfjs/mod.ts";
import { randomValues } from "../_compare.ts";

/** Shape of every test input: a batch of 2 rows of 5 values. */
export const SHAPE: [number, number] = [2, 5];

/** The scalar loss L(x) = Σ w ⊙ f(x), with fixed random weights w. */
function loss(
  f: (x: tf.Tensor2D) => tf.Tensor,
): (x: tf.Tensor) => tf.Scalar {
  const w = randomValues(SHAPE[0] * SHAPE[1], 11);
  return (x) => tf.sum(tf.mul(f(x as tf.Tensor2D), tf.tensor2d(w, SHAPE)));
}

/**
 * Checks, on wasm and on cpu, that ∇L matches `firstTruth` to 1e-6 and that
 * ∇⟨v, ∇L⟩ (second order through the kernel) matches the central finite
 * difference (∇L(x + εv) − ∇L(x − εv)) / 2ε to float32 tolerance.
 *
 * @param f The op under test.
 * @param x Input values (shape {@linkcode SHAPE}).
 * @param firstTruth ∂L/∂x_i in float64, given the weights w.
 */
export async function checkSecondOrder(
  f: (x: tf.Tensor2D) => tf.Tensor,
  x: Float32Array,
  firstTruth: (x: Float32Array, w: Float32Array) => Float64Array,
): Promise<void> {
  const n = SHAPE[0] * SHAPE[1];
  const w = randomValues(n, 11);
  const v = randomValues(n, 12);
  const eps = 1e-2;
  for (const backend of ["wasm", "cpu"] as const) {
    await initBackend(backend);
    const g = tf.grad(loss(f));
    const first = tf.tidy(() => g(tf.tensor2d(x, SHAPE)).dataSync());
    const truth = firstTruth(x, w);
    for (let i = 0; i < n; i++) {
      assert.ok(
        Math.abs(first[i] - truth[i]) < 1e-6,
        `${backend} first i=${i}: ${first[i]} vs ${truth[i]}`,
      );
    }
    const hv = tf.tidy(() =>
      tf.grad((u: tf.Tensor) => tf.sum(tf.mul(g(u), tf.tensor2d(v, SHAPE))))(
        tf.tensor2d(x, SHAPE),
      ).dataSync()
    );
    const shifted = (sign: number) => {
      const xs = x.map((xi, i) => xi + sign * eps * v[i]);
      return tf.tidy(() => g(tf.tensor2d(xs, SHAPE)).dataSync());
    };
    const plus = shifted(1);
    const minus = shifted(-1);
    for (let i = 0; i < n; i++) {
      const fd = (plus[i] - minus[i]) / (2 * eps);
      assert.ok(
        Math.abs(hv[i] - fd) < 2e-3 * Math.max(1, Math.abs(fd)),
        `${backend} second i=${i}: ${hv[i]} vs finite difference ${fd}`,
      );
    }
  }
}

/**
 * Test inputs in [-2, -0.1] ∪ [0.1, 2] (away from elu's kink at 0).
 *
 * @param seed Stream seed.
 * @returns {@linkcode SHAPE}-sized values.
 */
export function testInput(seed: number): Float32Array {
  return randomValues(SHAPE[0] * SHAPE[1], seed).map((r) =>
    Math.sign(r) * 0.1 + 1.9 * r
  );
}
