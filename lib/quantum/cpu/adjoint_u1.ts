/**
 * Kernel AdjointU1: one backward step of a fused 2×2 block U in adjoint differentiation
 * (Jones & Gacon, arXiv:2009.02823). From post-block ψ and λ it accumulates the overlap matrix
 * G_rc = Σ conj(λ_r)·ψ_c into grad (grad[(2·(2r + c))·B + b] real part, + B imaginary part;
 * summed into column 0 when shared), then applies U† to ψ and λ.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/**
 * Adjoint step of a 2×2 block U on qubit q: accumulates G_rc[b] += conj(λ_r)·ψ_c (post-gate ψ, λ;
 * g[(2·(2r + c)) ·B + b] real, +B imaginary), then ψ ← U†ψ and λ ← U†λ.
 */
function adjointU1(
  re: Real,
  im: Real,
  lre: Real,
  lim: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
  g: Float64Array,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    for (let b = 0; b < nb; b++) {
      const ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
      const lar = lre[o0 + b],
        lai = lim[o0 + b],
        lbr = lre[o1 + b],
        lbi = lim[o1 + b];
      // G_rc = conj(λ_r) ψ_c
      g[b] += lar * ar + lai * ai;
      g[nb + b] += lar * ai - lai * ar;
      g[2 * nb + b] += lar * br + lai * bi;
      g[3 * nb + b] += lar * bi - lai * br;
      g[4 * nb + b] += lbr * ar + lbi * ai;
      g[5 * nb + b] += lbr * ai - lbi * ar;
      g[6 * nb + b] += lbr * br + lbi * bi;
      g[7 * nb + b] += lbr * bi - lbi * br;
      // U† = conj transpose: (U†)_00 = conj U00, (U†)_01 = conj U10, ...
      const u00r = coef[b],
        u00i = -coef[nb + b],
        u01r = coef[4 * nb + b],
        u01i = -coef[5 * nb + b];
      const u10r = coef[2 * nb + b], u10i = -coef[3 * nb + b];
      const u11r = coef[6 * nb + b], u11i = -coef[7 * nb + b];
      re[o0 + b] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
      im[o0 + b] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
      re[o1 + b] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
      im[o1 + b] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
      lre[o0 + b] = u00r * lar - u00i * lai + u01r * lbr - u01i * lbi;
      lim[o0 + b] = u00r * lai + u00i * lar + u01r * lbi + u01i * lbr;
      lre[o1 + b] = u10r * lar - u10i * lai + u11r * lbr - u11i * lbi;
      lim[o1 + b] = u10r * lai + u10i * lar + u11r * lbi + u11i * lbr;
    }
  }
}

/**
 * adjointU1 for a shared block: G summed over the batch into column 0 of g (g[e·B]), held in
 * registers during the pass.
 */
function adjointU1Shared(
  re: Real,
  im: Real,
  lre: Real,
  lim: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
  g: Float64Array,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  // U† = conj transpose
  const u00r = coef[0],
    u00i = -coef[nb],
    u01r = coef[4 * nb],
    u01i = -coef[5 * nb];
  const u10r = coef[2 * nb],
    u10i = -coef[3 * nb],
    u11r = coef[6 * nb],
    u11i = -coef[7 * nb];
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0;
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    for (let b = 0; b < nb; b++) {
      const ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
      const lar = lre[o0 + b],
        lai = lim[o0 + b],
        lbr = lre[o1 + b],
        lbi = lim[o1 + b];
      g0 += lar * ar + lai * ai;
      g1 += lar * ai - lai * ar;
      g2 += lar * br + lai * bi;
      g3 += lar * bi - lai * br;
      g4 += lbr * ar + lbi * ai;
      g5 += lbr * ai - lbi * ar;
      g6 += lbr * br + lbi * bi;
      g7 += lbr * bi - lbi * br;
      re[o0 + b] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
      im[o0 + b] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
      re[o1 + b] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
      im[o1 + b] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
      lre[o0 + b] = u00r * lar - u00i * lai + u01r * lbr - u01i * lbi;
      lim[o0 + b] = u00r * lai + u00i * lar + u01r * lbi + u01i * lbr;
      lre[o1 + b] = u10r * lar - u10i * lai + u11r * lbr - u11i * lbi;
      lim[o1 + b] = u10r * lai + u10i * lar + u11r * lbi + u11i * lbr;
    }
  }
  g[0] += g0;
  g[nb] += g1;
  g[2 * nb] += g2;
  g[3 * nb] += g3;
  g[4 * nb] += g4;
  g[5 * nb] += g5;
  g[6 * nb] += g6;
  g[7 * nb] += g7;
}

/** Adjoint step of a real block: G_rc += λ_r ψ_c (real parts of g), then ψ ← Uᵀψ, λ ← Uᵀλ. */
function adjointU1Real(
  re: Real,
  lre: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
  g: Float64Array,
  shared: boolean,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  if (shared) {
    adjointU1RealShared(re, lre, n, nb, q, coef, g);
    return;
  }
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    for (let b = 0; b < nb; b++) {
      const a = re[o0 + b], c = re[o1 + b], la = lre[o0 + b], lc = lre[o1 + b];
      g[b] += la * a;
      g[2 * nb + b] += la * c;
      g[4 * nb + b] += lc * a;
      g[6 * nb + b] += lc * c;
      const u00 = coef[b], u01 = coef[2 * nb + b];
      const u10 = coef[4 * nb + b], u11 = coef[6 * nb + b];
      re[o0 + b] = u00 * a + u10 * c;
      re[o1 + b] = u01 * a + u11 * c;
      lre[o0 + b] = u00 * la + u10 * lc;
      lre[o1 + b] = u01 * la + u11 * lc;
    }
  }
}

/** adjointU1Real for a shared block: G summed over the batch into column 0, in registers. */
function adjointU1RealShared(
  re: Real,
  lre: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
  g: Float64Array,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  const u00 = coef[0],
    u01 = coef[2 * nb],
    u10 = coef[4 * nb],
    u11 = coef[6 * nb];
  let g0 = 0, g2 = 0, g4 = 0, g6 = 0;
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    for (let b = 0; b < nb; b++) {
      const a = re[o0 + b], c = re[o1 + b], la = lre[o0 + b], lc = lre[o1 + b];
      g0 += la * a;
      g2 += la * c;
      g4 += lc * a;
      g6 += lc * c;
      re[o0 + b] = u00 * a + u10 * c;
      re[o1 + b] = u01 * a + u11 * c;
      lre[o0 + b] = u00 * la + u10 * lc;
      lre[o1 + b] = u01 * la + u11 * lc;
    }
  }
  g[0] += g0;
  g[2 * nb] += g2;
  g[4 * nb] += g4;
  g[6 * nb] += g6;
}

/**
 * AdjointU1 kernel: complex, shared-coefficient and real variants chosen from the state and args.
 *
 * @example Undo X and record the overlap conj(λ)ψ
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { adjointU1Kernel } from "./adjoint_u1.ts";
 * const st = createCpuState(1, 1);
 * st.re[1] = 1; // ψ = |1⟩ = X|0⟩
 * st.lre[1] = 2; // λ = 2|1⟩
 * const grad = new Float64Array(8);
 * const coef = Float64Array.from([0, 0, 1, 0, 1, 0, 0, 0]);
 * adjointU1Kernel.run(st, { wires: [0], coef, grad, shared: true });
 * assert.deepEqual([...st.re], [1, 0]);
 * assert.equal(grad[6], 2); // Re G_11 = λ_1·ψ_1
 * ```
 */
export const adjointU1Kernel: CpuKernel = {
  kernel: CPU_KERNEL.ADJOINT_U1,
  backend: "cpu",
  run(st, { wires, coef, grad, shared = false }) {
    const args = [st.n, st.nb, wires[0], coef!, grad!] as const;
    if (st.real) adjointU1Real(st.re, st.lre, ...args, shared);
    else if (shared) adjointU1Shared(st.re, st.im, st.lre, st.lim, ...args);
    else adjointU1(st.re, st.im, st.lre, st.lim, ...args);
  },
};
