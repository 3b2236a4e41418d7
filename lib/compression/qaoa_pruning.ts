/**
 * "QAOA-inspired" pruning of a conv kernel (QIANets, arXiv 2410.10318 §3.1),
 * in the two readings of research notes §1.1 and §2:
 *
 * - `paper`: importance I = |W|, P = softmax(I) over the layer, retain
 *   R = [P ≥ λ] with λ the α-quantile of P, and each pruned weight prunes each
 *   adjacent weight with probability P_entangle. Softmax is monotone, so this
 *   is magnitude pruning at the α-quantile plus random neighbour pruning.
 * - `code`: what the published scripts do. Each of 5 sweeps draws an i.i.d.
 *   Bernoulli keep-mask (keep with probability 1 − p, magnitudes unused), then
 *   walks the flattened kernel left to right, zeroing the left and the right
 *   neighbour of every zero with probability 0.5 each, editing the mask in
 *   place, so zero runs cascade to the right.
 *
 * Adjacency is in PyTorch row-major order `[Cout, Cin, kH, kW]` (notes §8).
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";
import {
  fromTorchLayout,
  type KernelShape,
  toTorchLayout,
} from "./torch_layout.ts";

/** Which reading of the pruning step to run (`--impl`). */
export type PruneImpl = "code" | "paper";

/**
 * Keep-mask with i.i.d. entries: 1 with probability `keep`, else 0
 * (the code's `torch.bernoulli(full(1 − p))`, notes §2 Step 1).
 *
 * @param n Number of weights.
 * @param options Keep probability and rng.
 * @returns The mask, 1 = kept.
 * @throws {RangeError} If `keep` is outside [0, 1].
 *
 * @example Keep everything
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { bernoulliMask } from "./qaoa_pruning.ts";
 * assert.deepEqual(Array.from(bernoulliMask(3, { keep: 1, rng: createRng(0) })), [1, 1, 1]);
 * ```
 */
export function bernoulliMask(
  n: number,
  options: { keep: number; rng: Rng },
): Uint8Array {
  const { keep, rng } = options;
  checkProbability("keep", keep);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = rng.next() < keep ? 1 : 0;
  return mask;
}

/**
 * Magnitude-softmax mask of the paper: P = softmax(|W|), R = [P ≥ λ] with λ
 * the α-quantile of P (the ⌊αN⌋-th smallest), so ⌊αN⌋ weights are pruned
 * when magnitudes are distinct (§3.1).
 *
 * @param weights The weights.
 * @param options `alpha`, the fraction to prune.
 * @returns The mask, 1 = kept.
 * @throws {RangeError} If `alpha` is outside [0, 1].
 *
 * @example The two smallest of four are pruned at α = 0.5
 * ```ts
 * import assert from "node:assert/strict";
 * import { magnitudeMask } from "./qaoa_pruning.ts";
 * const mask = magnitudeMask(new Float32Array([0.3, -0.1, 0.05, -0.4]), { alpha: 0.5 });
 * assert.deepEqual(Array.from(mask), [1, 0, 0, 1]);
 * ```
 */
export function magnitudeMask(
  weights: ArrayLike<number>,
  options: { alpha: number },
): Uint8Array {
  const { alpha } = options;
  checkProbability("alpha", alpha);
  const n = weights.length;
  // P_i = exp(|W_i|) / Σ_j exp(|W_j|), shifted by max |W| for stability
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
  const p = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    z += p[i] = Math.exp(Math.abs(weights[i]) - maxAbs);
  }
  for (let i = 0; i < n; i++) p[i] /= z;
  const k = Math.floor(alpha * n);
  const mask = new Uint8Array(n).fill(1);
  if (k === 0) return mask;
  // λ = the k-th smallest P: weights strictly below λ are pruned
  const lambda = k >= n ? Infinity : Float64Array.from(p).sort()[k];
  for (let i = 0; i < n; i++) if (p[i] < lambda) mask[i] = 0;
  return mask;
}

/** Options of {@linkcode entangleNeighbours}. */
export interface EntangleOptions {
  /** Probability that a pruned weight prunes each adjacent weight. @default {0.5} */
  pEntangle?: number;
  /**
   * `true`: the code's in-place left-to-right loop, where a newly zeroed right
   * neighbour triggers its own neighbours (zero runs cascade). `false`: only
   * the weights pruned on entry prune their neighbours. @default {true}
   */
  cascade?: boolean;
  /** Random stream. */
  rng: Rng;
}

/**
 * "Entanglement": each pruned weight prunes its left and its right neighbour
 * with probability P_entangle each (paper §3.1; code loop of notes §2).
 *
 * @param mask Keep-mask (1 = kept), edited in place.
 * @param options P_entangle, cascade rule and rng.
 * @returns The same `mask`.
 * @throws {RangeError} If `pEntangle` is outside [0, 1].
 *
 * @example With P_entangle = 1 a single zero cascades to the end
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { entangleNeighbours } from "./qaoa_pruning.ts";
 * const mask = new Uint8Array([1, 1, 0, 1, 1]);
 * entangleNeighbours(mask, { pEntangle: 1, rng: createRng(0) });
 * assert.deepEqual(Array.from(mask), [1, 0, 0, 0, 0]);
 * ```
 */
export function entangleNeighbours(
  mask: Uint8Array,
  options: EntangleOptions,
): Uint8Array {
  const { pEntangle = 0.5, cascade = true, rng } = options;
  checkProbability("pEntangle", pEntangle);
  const n = mask.length;
  const pruned = cascade ? mask : Uint8Array.from(mask);
  for (let i = 0; i < n; i++) {
    if (pruned[i] !== 0) continue;
    if (i > 0 && rng.next() < pEntangle) mask[i - 1] = 0;
    if (i < n - 1 && rng.next() < pEntangle) mask[i + 1] = 0;
  }
  return mask;
}

/** Options of {@linkcode qaoaPrune}. */
export interface QaoaPruneOptions {
  /** Reading of the method (notes §1.1 vs §2). */
  impl: PruneImpl;
  /** α (paper: fraction pruned per iteration) or p (code: per-sweep prune probability). */
  sparsity: number;
  /** Random stream (Bernoulli masks and entanglement). */
  rng: Rng;
  /** Mask iterations; the code hard-codes `pruning_iterations = 5`. @default {5} */
  nSweeps?: number;
  /** P_entangle; 0.5 in the code and in Figure 1. @default {0.5} */
  pEntangle?: number;
}

/** What {@linkcode qaoaPrune} returns. */
export interface PruneResult {
  /** Pruned kernel in the input's tfjs layout. */
  weights: Float32Array;
  /** 1 where the weight survived every sweep, in tfjs layout. */
  mask: Uint8Array;
  /** Fraction of weights that are zero afterwards. */
  sparsity: number;
}

/**
 * Prunes one conv kernel by the QIANets rule (paper §3.1, notes §1.1 / §2).
 *
 * `code`: per sweep, m ~ Bernoulli(1 − p), W ← W ⊙ m, entangle m with the
 * cascading loop, W ← W ⊙ m. `paper`: per sweep, R from the magnitude
 * softmax at the α-quantile of the current |W|, entangle without cascade,
 * W ← W ⊙ R (a later sweep prunes nothing new once αN weights are zero).
 *
 * @param kernel Kernel in tfjs layout `[kH, kW, Cin, Cout]`.
 * @param shape Its shape.
 * @param options Reading, sparsity, sweeps, P_entangle and rng.
 * @returns The pruned kernel, the surviving mask and the achieved sparsity.
 * @throws {RangeError} If the shape does not match or a probability is outside [0, 1].
 *
 * @example The paper reading without entanglement prunes exactly ⌊αN⌋ weights
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "../runtime/mod.ts";
 * import { qaoaPrune } from "./qaoa_pruning.ts";
 * const w = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i + 1));
 * const r = qaoaPrune(w, [1, 1, 4, 10], { impl: "paper", sparsity: 0.25, pEntangle: 0, rng: createRng(1) });
 * assert.equal(r.sparsity, 0.25);
 * ```
 */
export function qaoaPrune(
  kernel: ArrayLike<number>,
  shape: KernelShape,
  options: QaoaPruneOptions,
): PruneResult {
  const { impl, sparsity, rng, nSweeps = 5, pEntangle = 0.5 } = options;
  checkProbability("sparsity", sparsity);
  const w = toTorchLayout(kernel, shape); // [Cout, Cin, kH, kW] = W_f [Cout, Cin·kH·kW]
  const n = w.length;
  for (let sweep = 0; sweep < nSweeps; sweep++) {
    let mask: Uint8Array;
    if (impl === "code") {
      // Code: random keep-mask applied, then entangled in place and applied again
      mask = bernoulliMask(n, { keep: 1 - sparsity, rng });
      applyMask(w, mask);
      entangleNeighbours(mask, { pEntangle, cascade: true, rng });
    } else {
      // Paper: R = [softmax(|W|) ≥ λ], then neighbours of pruned weights
      mask = magnitudeMask(w, { alpha: sparsity });
      entangleNeighbours(mask, { pEntangle, cascade: false, rng });
    }
    applyMask(w, mask);
  }
  const survived = new Uint8Array(n);
  let nZero = 0;
  for (let i = 0; i < n; i++) {
    survived[i] = w[i] === 0 ? 0 : 1;
    nZero += 1 - survived[i];
  }
  return {
    weights: fromTorchLayout(w, shape),
    mask: Uint8Array.from(fromTorchLayout(survived, shape)),
    sparsity: nZero / n,
  };
}

function applyMask(w: Float32Array, mask: Uint8Array): void {
  for (let i = 0; i < w.length; i++) if (mask[i] === 0) w[i] = 0;
}

function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(
      `Cannot prune: expected ${name} in [0, 1], got ${value}`,
    );
  }
}
