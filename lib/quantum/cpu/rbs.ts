/**
 * Kernel RBS: the Givens rotation of the |01⟩, |10⟩ block on wires [a, b] (WORKLOADS.md;
 * qdrop.md §1.2): ψ'_01 = cos θ·ψ_01 + sin θ·ψ_10, ψ'_10 = −sin θ·ψ_01 + cos θ·ψ_10, with
 * per-sample coef[b] = cos θ, coef[B + b] = sin θ; `inverse` applies the transpose.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/**
 * RBS(φ) on wires (a, b2) with per-sample cs[b] = cos φ, cs[B + b] = sin φ; `sign` −1 applies
 * the transpose (the inverse).
 */
function applyRbs(
  re: Real,
  im: Real,
  n: number,
  nb: number,
  wires: readonly [number, number],
  cs: Float64Array,
  sign: number,
): void {
  const ba = 1 << (n - 1 - wires[0]),
    bb = 1 << (n - 1 - wires[1]),
    dim = 1 << n;
  for (let i = 0; i < dim; i++) {
    if (i & (ba | bb)) continue;
    const o01 = (i | bb) * nb, o10 = (i | ba) * nb;
    for (let b = 0; b < nb; b++) {
      const c = cs[b], s = sign * cs[nb + b];
      const xr = re[o01 + b],
        xi = im[o01 + b],
        yr = re[o10 + b],
        yi = im[o10 + b];
      // |01⟩ ← c|01⟩ + s|10⟩, |10⟩ ← −s|01⟩ + c|10⟩
      re[o01 + b] = c * xr + s * yr;
      im[o01 + b] = c * xi + s * yi;
      re[o10 + b] = c * yr - s * xr;
      im[o10 + b] = c * yi - s * xi;
    }
  }
}

/** RBS on real amplitudes (layout of applyRbs); sign −1 applies the transpose. */
function applyRbsReal(
  re: Real,
  n: number,
  nb: number,
  wires: readonly [number, number],
  cs: Float64Array,
  sign: number,
): void {
  const ba = 1 << (n - 1 - wires[0]),
    bb = 1 << (n - 1 - wires[1]),
    dim = 1 << n;
  for (let i = 0; i < dim; i++) {
    if (i & (ba | bb)) continue;
    const o01 = (i | bb) * nb, o10 = (i | ba) * nb;
    for (let b = 0; b < nb; b++) {
      const c = cs[b], s = sign * cs[nb + b];
      const x = re[o01 + b], y = re[o10 + b];
      re[o01 + b] = c * x + s * y;
      re[o10 + b] = c * y - s * x;
    }
  }
}

/**
 * RBS kernel: complex and real variants.
 *
 * @example RBS(π/2) moves the excitation from wire 0 to wire 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { rbsKernel } from "./rbs.ts";
 * const st = createCpuState(2, 1, { real: true });
 * st.re[2] = 1; // |10⟩
 * rbsKernel.run(st, { wires: [0, 1], coef: Float64Array.from([0, 1]) });
 * assert.deepEqual([...st.re], [0, 1, 0, 0]);
 * ```
 */
export const rbsKernel: CpuKernel = {
  kernel: CPU_KERNEL.RBS,
  backend: "cpu",
  run(st, { wires, coef, inverse = false }) {
    const w: [number, number] = [wires[0], wires[1]];
    const sign = inverse ? -1 : 1;
    if (st.real) applyRbsReal(st.re, st.n, st.nb, w, coef!, sign);
    else applyRbs(st.re, st.im, st.n, st.nb, w, coef!, sign);
  },
};
