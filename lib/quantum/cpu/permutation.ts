/**
 * Kernel Permutation: out[j] = sign[j]·ψ[src[j]] for every sample, one pass for a fused run of
 * CNOT, CZ and SWAP gates (a signed permutation of the basis). Writes into the spare buffers and
 * swaps them in.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/** out[j] = sign[j]·ψ[src[j]] for every sample (a fused run of CNOT, CZ and SWAP gates). */
function applyPerm(
  re: Real,
  im: Real,
  outRe: Real,
  outIm: Real,
  nb: number,
  src: Int32Array,
  sign: Float64Array,
): void {
  for (let j = 0; j < src.length; j++) {
    const o = j * nb, i = src[j] * nb, s = sign[j];
    for (let b = 0; b < nb; b++) {
      outRe[o + b] = s * re[i + b];
      outIm[o + b] = s * im[i + b];
    }
  }
}

/** out[j] = sign[j]·ψ[src[j]] on real amplitudes. */
function applyPermReal(
  re: Real,
  outRe: Real,
  nb: number,
  src: Int32Array,
  sign: Float64Array,
): void {
  for (let j = 0; j < src.length; j++) {
    const o = j * nb, i = src[j] * nb, s = sign[j];
    for (let b = 0; b < nb; b++) outRe[o + b] = s * re[i + b];
  }
}

/**
 * Permutation kernel on ψ (or λ with `lambda`).
 *
 * @example CNOT(0 → 1) maps |10⟩ to |11⟩
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { permutationKernel } from "./permutation.ts";
 * const st = createCpuState(2, 1);
 * st.re[2] = 1;
 * const src = Int32Array.from([0, 1, 3, 2]), sign = Float64Array.from([1, 1, 1, 1]);
 * permutationKernel.run(st, { wires: [0, 1], src, sign });
 * assert.deepEqual([...st.re], [0, 0, 0, 1]);
 * ```
 */
export const permutationKernel: CpuKernel = {
  kernel: CPU_KERNEL.PERMUTATION,
  backend: "cpu",
  run(st, { src, sign, lambda = false }) {
    const [re, im] = lambda ? [st.lre, st.lim] : [st.re, st.im];
    const [outRe, outIm] = st.spare;
    if (st.real) applyPermReal(re, outRe, st.nb, src!, sign!);
    else applyPerm(re, im, outRe, outIm, st.nb, src!, sign!);
    st.spare = [re, im];
    if (lambda) [st.lre, st.lim] = [outRe, outIm];
    else [st.re, st.im] = [outRe, outIm];
  },
};
