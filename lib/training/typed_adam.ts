/**
 * Adam on one flat float64 parameter vector, PyTorch's form (torch.optim.Adam,
 * Kingma & Ba, arXiv 1412.6980, Algorithm 1), as {@linkcode adam}'s
 * `"pytorch"` variant computes it on tfjs variables:
 *
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)
 *
 * For trainers that keep their parameters in typed arrays.
 *
 * @module
 */

/** Options of {@linkcode typedAdam}. */
export interface TypedAdamOptions {
  /** Learning rate η. @default {1e-3} */
  learningRate?: number;
  /** β₁. @default {0.9} */
  beta1?: number;
  /** β₂. @default {0.999} */
  beta2?: number;
  /** ε. @default {1e-8} */
  epsilon?: number;
}

/** A typed-array Adam from {@linkcode typedAdam}. */
export interface TypedAdam {
  /** Steps taken so far (t). */
  readonly steps: number;
  /** One update of `params` in place from `grads`. */
  step(params: Float64Array, grads: Float64Array): void;
}

/**
 * Creates Adam for a parameter vector of `nParams` entries.
 *
 * @param nParams Length of the parameter and gradient vectors.
 * @param options η, β₁, β₂, ε.
 * @returns The optimizer; its moments start at zero.
 * @throws {RangeError} If a hyperparameter is out of range.
 *
 * @example The first step moves each weight by η against its gradient's sign
 * ```ts
 * import assert from "node:assert/strict";
 * import { typedAdam } from "./typed_adam.ts";
 * const theta = new Float64Array([1, 1]);
 * typedAdam(2, { learningRate: 0.1 }).step(theta, new Float64Array([2, -3]));
 * assert.ok(Math.abs(theta[0] - 0.9) < 1e-6 && Math.abs(theta[1] - 1.1) < 1e-6);
 * ```
 */
export function typedAdam(
  nParams: number,
  options: TypedAdamOptions = {},
): TypedAdam {
  const {
    learningRate = 1e-3,
    beta1 = 0.9,
    beta2 = 0.999,
    epsilon = 1e-8,
  } = options;
  if (
    !(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0 &&
      learningRate > 0)
  ) {
    throw new RangeError(
      `Cannot create Adam: expected η > 0, 0 ≤ β < 1 and ε > 0, got η=${learningRate} β1=${beta1} β2=${beta2} ε=${epsilon}`,
    );
  }
  const m = new Float64Array(nParams);
  const v = new Float64Array(nParams);
  let t = 0;
  return {
    get steps() {
      return t;
    },
    step(params, grads) {
      t += 1;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      for (let i = 0; i < nParams; i++) {
        const g = grads[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        params[i] -= (learningRate * (m[i] / c1)) /
          (Math.sqrt(v[i] / c2) + epsilon);
      }
    },
  };
}
