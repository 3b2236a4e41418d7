/**
 * 2×2 max-pooling with stride 2 written as max(a, b) = b + ReLU(a − b), so its
 * gradient is itself differentiable: tfjs-core registers no gradient for the
 * `MaxPoolGrad` kernel that `tf.maxPool`'s gradient calls, nor for the `Equal`
 * that the gradient of `tf.max` builds, and dataset distillation needs
 * gradients of gradients (qdd.md §8). ReLU's gradient is a `Step`, whose own
 * gradient tfjs defines (zero).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";

/**
 * Max over each 2×2 window, stride 2, like `tf.maxPool(x, 2, 2, "valid")`
 * (PyTorch `F.max_pool2d(x, 2)`; an odd last row or column is dropped).
 *
 * @param x Maps NHWC `[B, H, W, C]`.
 * @returns `[B, ⌊H/2⌋, ⌊W/2⌋, C]`.
 * @throws {RangeError} If H or W is below 2.
 *
 * @example Second derivative exists and matches the window maximum
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../runtime/mod.ts";
 * import { maxPool2x2 } from "./max_pool_2x2.ts";
 * await initBackend("cpu");
 * const x = tf.tensor4d([1, 4, 3, 2], [1, 2, 2, 1]);
 * assert.deepEqual(Array.from(maxPool2x2(x).dataSync()), [4]);
 * // d²/dx² of Σ pool(x)² is 2 at the maximum and 0 elsewhere
 * const g = (t: tf.Tensor) => tf.grad((u: tf.Tensor) => maxPool2x2(u as tf.Tensor4D).square().sum())(t);
 * const h = tf.grad((t: tf.Tensor) => g(t).sum())(x);
 * assert.deepEqual(Array.from(h.dataSync()), [0, 2, 0, 0]);
 * ```
 */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const ho = Math.floor(h / 2), wo = Math.floor(w / 2);
  if (ho < 1 || wo < 1) {
    throw new RangeError(
      `Cannot max-pool 2×2: expected maps of at least 2×2, got ${h}×${w}`,
    );
  }
  return tf.tidy(() => {
    const even = h === 2 * ho && w === 2 * wo
      ? x
      : tf.slice(x, [0, 0, 0, 0], [b, 2 * ho, 2 * wo, c]);
    // Rank 4 keeps tfjs's fast slice kernels (rank-6 slices take a generic
    // path ~100× slower on wasm): rows pair on axis 1, columns on the last axis.
    const windows = tf.reshape(even, [b * ho, 2, wo, 2 * c]);
    const corner = (i: number, j: number) =>
      tf.reshape(
        tf.slice(windows, [0, i, 0, j * c], [b * ho, 1, wo, c]),
        [b, ho, wo, c],
      );
    const max2 = (u: tf.Tensor, v: tf.Tensor) =>
      tf.add(v, tf.relu(tf.sub(u, v)));
    const top = max2(corner(0, 0), corner(0, 1));
    const bottom = max2(corner(1, 0), corner(1, 1));
    return max2(top, bottom) as tf.Tensor4D;
  });
}
