/**
 * Allocation-free, single-sample versions of the H·RY product-circuit kernels
 * of `hry_product_circuit.ts`, shots drawn by {@linkcode multinomialInto}, for the typed-array v1
 * student's per-step loop (notes `kd.md` §2.1). Q = `theta.length`.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";
import { HRY_SHIFT } from "./hry_product_circuit.ts";
import { multinomialInto } from "./_multinomial.ts";

/** p_k(θ) = Π_j ½(1 + s_kj sin θ_j) into `out` [2^Q], bit j of k = qubit j. */
export function hryProductProbsInto(
  theta: ArrayLike<number>,
  out: Float64Array,
): void {
  out[0] = 1;
  // Entries 0…2^j−1 hold the product over qubits < j.
  for (let j = 0; j < theta.length; j++) {
    const up = 0.5 * (1 + Math.sin(theta[j])); // P(qubit j = 1)
    const half = 1 << j;
    for (let k = 0; k < half; k++) {
      const p = out[k];
      out[k + half] = p * up;
      out[k] = p * (1 - up);
    }
  }
}

/** Exact Σ_k g_k ∂p_k/∂θ_j into `out` [Q]; `probs` [2^Q] is scratch. */
export function hryProductVjpInto(
  theta: ArrayLike<number>,
  dProbs: ArrayLike<number>,
  options: { out: Float64Array; probs: Float64Array },
): void {
  const { out, probs } = options;
  const nOut = 1 << theta.length;
  hryProductProbsInto(theta, probs);
  for (let j = 0; j < theta.length; j++) {
    const bit = 1 << j;
    let acc = 0;
    // ∂p_k/∂θ_j = ±½ cos θ_j · m, m = p_k + p_{k^bit} the marginal over the other qubits.
    for (let k = 0; k < nOut; k++) {
      if (k & bit) continue;
      acc += (probs[k] + probs[k | bit]) * (dProbs[k | bit] - dProbs[k]);
    }
    out[j] = 0.5 * Math.cos(theta[j]) * acc;
  }
}

/**
 * The published Σ_k g_k [p̂_k(θ + π/4·e_j) − p̂_k(θ − π/4·e_j)] into `out` [Q],
 * each shifted circuit sampled afresh when `shots > 0` (+ then −, per j).
 */
export function hryShiftDifferenceVjpInto(
  theta: ArrayLike<number>,
  dProbs: ArrayLike<number>,
  options: {
    shots: number;
    rng: Rng;
    out: Float64Array;
    scratch: { probs: Float64Array; shifted: Float64Array };
  },
): void {
  const { shots, rng, out, scratch } = options;
  const { probs, shifted } = scratch;
  const nOut = 1 << theta.length;
  for (let j = 0; j < theta.length; j++) {
    let acc = 0;
    for (let sign = 1; sign >= -1; sign -= 2) {
      for (let i = 0; i < theta.length; i++) shifted[i] = theta[i];
      shifted[j] += sign * HRY_SHIFT;
      hryProductProbsInto(shifted, probs);
      if (shots > 0) {
        multinomialInto(probs, { shots, rng, out: probs, nOutcomes: nOut });
      }
      for (let k = 0; k < nOut; k++) acc += sign * dProbs[k] * probs[k];
    }
    out[j] = acc;
  }
}
