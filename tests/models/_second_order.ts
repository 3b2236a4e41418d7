// Finite-difference check of mixed second derivatives: for a scalar F(x, θ)
// and a fixed direction v over θ, h(x) = ⟨v, ∇_θ F(x, θ)⟩. Autodiff gives
// ∂h/∂x through the gradient (grad of grad); the check compares it with central
// differences of h at a few coordinates of x.

import * as tf from "@tensorflow/tfjs-core";
import { createRng } from "../../lib/runtime/mod.ts";

export interface MixedCheck {
  autodiff: number[];
  finiteDiff: number[];
}

export function mixedSecondOrder(
  f: (x: tf.Tensor, theta: tf.Tensor[]) => tf.Scalar,
  x: tf.Tensor,
  theta: tf.Tensor[],
  { probes, eps = 1e-2, seed = 0 }: {
    probes: number[];
    eps?: number;
    seed?: number;
  },
): MixedCheck {
  const rng = createRng(seed);
  const v = theta.map((t) =>
    tf.tensor(
      Float32Array.from({ length: t.size }, () => rng.normal()),
      t.shape,
    )
  );
  const h = (xx: tf.Tensor) =>
    tf.tidy(() => {
      const g = tf.grads((...p: tf.Tensor[]) => f(xx, p))(theta);
      return tf.addN(g.map((gi, i) => tf.sum(tf.mul(gi, v[i])))) as tf.Scalar;
    });
  const dh = tf.grad(h)(x).dataSync();
  const base = x.dataSync();
  const finiteDiff = probes.map((i) => {
    const at = (delta: number) => {
      const shifted = Float32Array.from(base);
      shifted[i] += delta;
      return tf.tidy(() => h(tf.tensor(shifted, x.shape)).dataSync()[0]);
    };
    return (at(eps) - at(-eps)) / (2 * eps);
  });
  return { autodiff: probes.map((i) => dh[i]), finiteDiff };
}

/** max |a − b| / (atol + rtol·|b|) ≤ 1 */
export function assertClose(
  got: number[],
  want: number[],
  { atol, rtol }: { atol: number; rtol: number },
): void {
  got.forEach((g, i) => {
    const w = want[i];
    if (!(Math.abs(g - w) <= atol + rtol * Math.abs(w))) {
      throw new Error(
        `Entry ${i}: expected ${w} ± ${atol + rtol * Math.abs(w)}, got ${g}`,
      );
    }
  });
}
