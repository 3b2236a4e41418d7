/**
 * Kernel Diagonal: ψ[j] ← sign[j]·ψ[j] in place, one pass for a fused run of CZ gates.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/** ψ[j] ← sign[j]·ψ[j] in place (a fused run of CZ gates). */
function applySign(
  re: Real,
  im: Real,
  nb: number,
  sign: Float64Array,
): void {
  for (let j = 0; j < sign.length; j++) {
    if (sign[j] === 1) continue;
    const o = j * nb;
    for (let b = 0; b < nb; b++) {
      re[o + b] = -re[o + b];
      im[o + b] = -im[o + b];
    }
  }
}

/** ψ[j] ← sign[j]·ψ[j] in place on real amplitudes. */
function applySignReal(re: Real, nb: number, sign: Float64Array): void {
  for (let j = 0; j < sign.length; j++) {
    if (sign[j] === 1) continue;
    const o = j * nb;
    for (let b = 0; b < nb; b++) re[o + b] = -re[o + b];
  }
}

/**
 * Diagonal kernel on ψ (or λ with `lambda`).
 *
 * @example CZ flips the sign of |11⟩
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { diagonalKernel } from "./diagonal.ts";
 * const st = createCpuState(2, 1);
 * st.re.fill(0.5);
 * diagonalKernel.run(st, { wires: [0, 1], sign: Float64Array.from([1, 1, 1, -1]) });
 * assert.deepEqual([...st.re], [0.5, 0.5, 0.5, -0.5]);
 * ```
 */
export const diagonalKernel: CpuKernel = {
  kernel: CPU_KERNEL.DIAGONAL,
  backend: "cpu",
  run(st, { sign, lambda = false }) {
    const [re, im] = lambda ? [st.lre, st.lim] : [st.re, st.im];
    if (st.real) applySignReal(re, st.nb, sign!);
    else applySign(re, im, st.nb, sign!);
  },
};
