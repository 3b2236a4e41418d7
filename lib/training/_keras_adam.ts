// Kept private, not adam(): Q-Drop needs Float64 Keras-3-form moments on typed-array subsets; adam()'s Float32 moments moved smoke test accuracy by 0.005
/**
 * Keras Adam on typed arrays, for the tiny Q-Drop network (notes `qdrop.md`
 * §1.8, §7.4). An update may name any subset of the parameters: the iteration
 * counter t is shared and advances once per call, as Keras' `apply_gradients`
 * does. The learning rate comes in as a function of t (the caller wraps the
 * shared `cosineDecay` of `lr_schedule.ts`).
 *
 * @module
 */

/** One named parameter tensor as a flat typed array. */
export interface AdamSlot {
  /** Parameter values, updated in place. */
  value: Float32Array;
  /** First moment m. */
  m: Float64Array;
  /** Second moment v. */
  v: Float64Array;
}

/** Keras Adam state: a shared step counter and one slot per parameter tensor. */
export interface KerasAdam {
  /** Slots by parameter name. */
  slots: Map<string, AdamSlot>;
  /** Updates applied so far (Keras `iterations`). */
  iterations: number;
  /** Learning rate of the last update. */
  lastLr: number;
}

/**
 * A fresh Adam over the given parameters (moments at zero, t = 0).
 *
 * @param params Parameter values by name; the arrays are updated in place.
 * @returns The optimizer state.
 */
export function createKerasAdam(
  params: Record<string, Float32Array>,
): KerasAdam {
  const slots = new Map<string, AdamSlot>();
  for (const [name, value] of Object.entries(params)) {
    slots.set(name, {
      value,
      m: new Float64Array(value.length),
      v: new Float64Array(value.length),
    });
  }
  return { slots, iterations: 0, lastLr: NaN };
}

/**
 * One Keras Adam update of the named parameters (Keras 3 `Adam.update_step`):
 * α = lr(t)·√(1 − β2^(t+1))/(1 − β1^(t+1)); m ← m + (g − m)(1 − β1);
 * v ← v + (g² − v)(1 − β2); θ ← θ − α·m/(√v + ε); then t ← t + 1.
 *
 * @param adam Optimizer state.
 * @param grads Gradients by parameter name (a subset of the slots).
 * @param options Learning rate `lr` (number or function of t), `epsilon`, `beta1`, `beta2`.
 */
export function kerasAdamStep(
  adam: KerasAdam,
  grads: Record<string, ArrayLike<number>>,
  { lr, epsilon = 1e-7, beta1 = 0.9, beta2 = 0.999 }: {
    lr: number | ((t: number) => number);
    epsilon?: number;
    beta1?: number;
    beta2?: number;
  },
): void {
  const rate = typeof lr === "number" ? lr : lr(adam.iterations);
  const step = adam.iterations + 1;
  const alpha = rate * Math.sqrt(1 - beta2 ** step) / (1 - beta1 ** step);
  for (const [name, g] of Object.entries(grads)) {
    const slot = adam.slots.get(name)!;
    const { value, m, v } = slot;
    for (let i = 0; i < value.length; i++) {
      m[i] += (g[i] - m[i]) * (1 - beta1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
      value[i] -= alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
    }
  }
  adam.iterations = step;
  adam.lastLr = rate;
}
