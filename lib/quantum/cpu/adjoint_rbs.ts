/**
 * Kernel AdjointRBS: one backward step of RBS(θ) in adjoint differentiation. Since
 * ∂RBS/∂θ = A·RBS with A the generator (|01⟩ ← |10⟩, |10⟩ ← −|01⟩), the gradient of sample b is
 * 2·Re(conj(λ01)ψ10 − conj(λ10)ψ01) on post-gate states; it is added to grad[b], then the
 * transpose is applied to ψ and λ.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/**
 * Adjoint step of RBS: grad[b] += 2·Re(conj(λ01)ψ10 − conj(λ10)ψ01) (post-gate, since
 * ∂RBS/∂φ = A·RBS with A the generator), then ψ ← RBSᵀψ, λ ← RBSᵀλ.
 */
function adjointRbs(
  re: Real,
  im: Real,
  lre: Real,
  lim: Real,
  n: number,
  nb: number,
  wires: readonly [number, number],
  cs: Float64Array,
  grad: Float64Array,
): void {
  const ba = 1 << (n - 1 - wires[0]),
    bb = 1 << (n - 1 - wires[1]),
    dim = 1 << n;
  for (let i = 0; i < dim; i++) {
    if (i & (ba | bb)) continue;
    const o01 = (i | bb) * nb, o10 = (i | ba) * nb;
    for (let b = 0; b < nb; b++) {
      const c = cs[b], s = -cs[nb + b];
      const xr = re[o01 + b],
        xi = im[o01 + b],
        yr = re[o10 + b],
        yi = im[o10 + b];
      const lxr = lre[o01 + b],
        lxi = lim[o01 + b],
        lyr = lre[o10 + b],
        lyi = lim[o10 + b];
      grad[b] += 2 * (lxr * yr + lxi * yi - (lyr * xr + lyi * xi));
      re[o01 + b] = c * xr + s * yr;
      im[o01 + b] = c * xi + s * yi;
      re[o10 + b] = c * yr - s * xr;
      im[o10 + b] = c * yi - s * xi;
      lre[o01 + b] = c * lxr + s * lyr;
      lim[o01 + b] = c * lxi + s * lyi;
      lre[o10 + b] = c * lyr - s * lxr;
      lim[o10 + b] = c * lyi - s * lxi;
    }
  }
}

/** Adjoint step of RBS on real amplitudes: grad[b] += 2(λ01ψ10 − λ10ψ01), then transpose both. */
function adjointRbsReal(
  re: Real,
  lre: Real,
  n: number,
  nb: number,
  wires: readonly [number, number],
  cs: Float64Array,
  grad: Float64Array,
): void {
  const ba = 1 << (n - 1 - wires[0]),
    bb = 1 << (n - 1 - wires[1]),
    dim = 1 << n;
  for (let i = 0; i < dim; i++) {
    if (i & (ba | bb)) continue;
    const o01 = (i | bb) * nb, o10 = (i | ba) * nb;
    for (let b = 0; b < nb; b++) {
      const c = cs[b], s = -cs[nb + b];
      const x = re[o01 + b],
        y = re[o10 + b],
        lx = lre[o01 + b],
        ly = lre[o10 + b];
      grad[b] += 2 * (lx * y - ly * x);
      re[o01 + b] = c * x + s * y;
      re[o10 + b] = c * y - s * x;
      lre[o01 + b] = c * lx + s * ly;
      lre[o10 + b] = c * ly - s * lx;
    }
  }
}

/**
 * AdjointRBS kernel: complex and real variants.
 *
 * @example ⟨λ|A|ψ⟩ for ψ = |10⟩, λ = |01⟩ at θ = 0 is 1, so the gradient is 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { adjointRbsKernel } from "./adjoint_rbs.ts";
 * const st = createCpuState(2, 1, { real: true });
 * st.re[2] = 1;
 * st.lre[1] = 1;
 * const grad = new Float64Array(1);
 * adjointRbsKernel.run(st, { wires: [0, 1], coef: Float64Array.from([1, 0]), grad });
 * assert.equal(grad[0], 2);
 * ```
 */
export const adjointRbsKernel: CpuKernel = {
  kernel: CPU_KERNEL.ADJOINT_RBS,
  backend: "cpu",
  run(st, { wires, coef, grad }) {
    const w: [number, number] = [wires[0], wires[1]];
    if (st.real) adjointRbsReal(st.re, st.lre, st.n, st.nb, w, coef!, grad!);
    else adjointRbs(st.re, st.im, st.lre, st.lim, st.n, st.nb, w, coef!, grad!);
  },
};
