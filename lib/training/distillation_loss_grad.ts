/**
 * The per-sample {@linkcode distillationLoss} (or plain cross-entropy) and its
 * gradient with respect to the student outputs, on typed arrays, for the
 * typed-array v1 student trainer (research notes `kd.md` §3):
 *
 *   code:  L = CE(o, y) + α·T²·KL(q ‖ s)
 *   paper: L = (1 − α)·CE(o, y) + α·T²·KL(q ‖ s)
 *   q = softmax(t/T), s = softmax(o_{0..C−1}/T)
 *   ∂L/∂o_k = w_CE·(softmax(o)_k − [k = y]) + α·T·(s_k − q_k)·[k < C]
 *
 * @module
 */

/** Options of {@linkcode distillationLossGrad}. */
export interface DistillationLossGradOptions {
  /** True class y. */
  label: number;
  /** Frozen teacher logits t `[C]`; plain CE over all outputs when absent. */
  teacherLogits?: ArrayLike<number>;
  /** Temperature T (notes §3). @default {3} */
  temperature?: number;
  /** KL weight α (notes §3). @default {0.9} */
  alpha?: number;
  /** `"code"`: CE + α·T²·KL; `"paper"`: (1 − α)·CE + α·T²·KL. @default {"code"} */
  impl?: "code" | "paper";
  /** Receives ∂L/∂o `[K]`. */
  dOut: Float64Array;
}

/**
 * The loss of one sample's student outputs o `[K]` (used as logits), and ∂L/∂o.
 *
 * @param o Student outputs `[K]`, K ≥ C.
 * @param options Label, teacher logits, T, α, form and the gradient buffer.
 * @returns The loss L.
 *
 * @example Cross-entropy of uniform outputs is log K, with gradient 1/K − [k = y]
 * ```ts
 * import assert from "node:assert/strict";
 * import { distillationLossGrad } from "./distillation_loss_grad.ts";
 * const dOut = new Float64Array(4);
 * const loss = distillationLossGrad(new Float64Array(4), { label: 2, dOut });
 * assert.ok(Math.abs(loss - Math.log(4)) < 1e-12);
 * assert.ok(Math.abs(dOut[2] - (0.25 - 1)) < 1e-12 && Math.abs(dOut[0] - 0.25) < 1e-12);
 * ```
 */
export function distillationLossGrad(
  o: ArrayLike<number>,
  options: DistillationLossGradOptions,
): number {
  const {
    label,
    teacherLogits: t,
    temperature = 3,
    alpha = 0.9,
    impl = "code",
    dOut,
  } = options;
  const nOut = o.length;
  let max = -Infinity;
  for (let k = 0; k < nOut; k++) max = Math.max(max, o[k]);
  let sum = 0;
  for (let k = 0; k < nOut; k++) sum += Math.exp(o[k] - max);
  const lse = max + Math.log(sum);
  // The notebooks add the CE term with weight 1, not (1 − α) (notes §3).
  const wCe = t === undefined || impl === "code" ? 1 : 1 - alpha;
  for (let k = 0; k < nOut; k++) {
    dOut[k] = wCe * (Math.exp(o[k] - lse) - (k === label ? 1 : 0));
  }
  let loss = wCe * (lse - o[label]);
  if (t === undefined) return loss;
  // KL(q ‖ s) on the first C outputs only (notes §3).
  const nClasses = t.length;
  let maxT = -Infinity, maxS = -Infinity;
  for (let c = 0; c < nClasses; c++) {
    maxT = Math.max(maxT, t[c] / temperature);
    maxS = Math.max(maxS, o[c] / temperature);
  }
  let sumT = 0, sumS = 0;
  for (let c = 0; c < nClasses; c++) {
    sumT += Math.exp(t[c] / temperature - maxT);
    sumS += Math.exp(o[c] / temperature - maxS);
  }
  const lseT = maxT + Math.log(sumT), lseS = maxS + Math.log(sumS);
  let kl = 0;
  for (let c = 0; c < nClasses; c++) {
    const logQ = t[c] / temperature - lseT;
    const logS = o[c] / temperature - lseS;
    const q = Math.exp(logQ);
    kl += q * (logQ - logS);
    dOut[c] += alpha * temperature * (Math.exp(logS) - q);
  }
  loss += alpha * temperature * temperature * kl;
  return loss;
}
