/**
 * Keras Adam on typed arrays, for the tiny Q-Drop network (notes `qdrop.md`
 * §1.8, §7.4). Unlike tfjs' `AdamOptimizer`, whose moment slots are indexed by
 * the position of a variable in each call, an update may name any subset of
 * the parameters: the iteration counter t is shared and advances once per
 * call, as Keras' `apply_gradients` does.
 *
 * @module
 */

/** Keras `CosineDecay(initial, decaySteps, alpha)`, evaluated at optimizer step t (from 0). */
export interface CosineDecay {
  /** Initial learning rate. */
  initial: number;
  /** Steps to reach `alpha·initial`. */
  decaySteps: number;
  /** Final fraction of `initial`. */
  alpha: number;
}

/**
 * lr(t) = initial·[(1 − α)·½(1 + cos(π·min(t, T)/T)) + α] (Keras CosineDecay).
 *
 * @param t Optimizer step, counted from 0.
 * @param schedule The decay.
 * @returns The learning rate.
 */
export function cosineDecay(t: number, schedule: CosineDecay): number {
  const { initial, decaySteps, alpha } = schedule;
  const frac = Math.min(t, decaySteps) / decaySteps;
  return initial * ((1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * frac)) + alpha);
}

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
