/**
 * Kernel U1: ψ ← U ψ on one qubit for a fused 2×2 block, per sample. coef[k·B + b] holds, for
 * k = 0 … 7, Re U00, Im U00, Re U01, Im U01, Re U10, Im U10, Re U11, Im U11 of sample b.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/**
 * ψ ← U ψ on qubit q with a per-sample 2×2 complex U: coef[k·B + b] for
 * k = 0…7 = Re U00, Im U00, Re U01, Im U01, Re U10, Im U10, Re U11, Im U11.
 */
function applyU1(
  re: Real,
  im: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    for (let b = 0; b < nb; b++) {
      const ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
      const u00r = coef[b],
        u00i = coef[nb + b],
        u01r = coef[2 * nb + b],
        u01i = coef[3 * nb + b];
      const u10r = coef[4 * nb + b], u10i = coef[5 * nb + b];
      const u11r = coef[6 * nb + b], u11i = coef[7 * nb + b];
      re[o0 + b] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
      im[o0 + b] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
      re[o1 + b] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
      im[o1 + b] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
    }
  }
}

/** applyU1 for a block shared by all samples: reads coefficient column 0 only. */
function applyU1Shared(
  re: Real,
  im: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  const u00r = coef[0],
    u00i = coef[nb],
    u01r = coef[2 * nb],
    u01i = coef[3 * nb];
  const u10r = coef[4 * nb],
    u10i = coef[5 * nb],
    u11r = coef[6 * nb],
    u11i = coef[7 * nb];
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    for (let b = 0; b < nb; b++) {
      const ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
      re[o0 + b] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
      im[o0 + b] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
      re[o1 + b] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
      im[o1 + b] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
    }
  }
}

/** ψ ← U ψ on qubit q, U real 2×2 from coef (layout of applyU1). */
function applyU1Real(
  re: Real,
  n: number,
  nb: number,
  q: number,
  coef: Float64Array,
  shared: boolean,
): void {
  const bit = 1 << (n - 1 - q), dim = 1 << n;
  const s00 = coef[0],
    s01 = coef[2 * nb],
    s10 = coef[4 * nb],
    s11 = coef[6 * nb];
  for (let i0 = 0; i0 < dim; i0++) {
    if (i0 & bit) continue;
    const o0 = i0 * nb, o1 = (i0 | bit) * nb;
    if (shared) {
      for (let b = 0; b < nb; b++) {
        const a = re[o0 + b], c = re[o1 + b];
        re[o0 + b] = s00 * a + s01 * c;
        re[o1 + b] = s10 * a + s11 * c;
      }
    } else {
      for (let b = 0; b < nb; b++) {
        const a = re[o0 + b], c = re[o1 + b];
        re[o0 + b] = coef[b] * a + coef[2 * nb + b] * c;
        re[o1 + b] = coef[4 * nb + b] * a + coef[6 * nb + b] * c;
      }
    }
  }
}

/**
 * U1 kernel: complex, shared-coefficient and real variants chosen from the state and args.
 *
 * @example X on the only qubit of a one-sample state
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { u1Kernel } from "./apply_u1.ts";
 * const st = createCpuState(1, 1);
 * st.re[0] = 1;
 * const coef = Float64Array.from([0, 0, 1, 0, 1, 0, 0, 0]);
 * u1Kernel.run(st, { wires: [0], coef, shared: true });
 * assert.deepEqual([...st.re], [0, 1]);
 * ```
 */
export const u1Kernel: CpuKernel = {
  kernel: CPU_KERNEL.U1,
  backend: "cpu",
  run(st, { wires, coef, shared = false }) {
    const q = wires[0];
    if (st.real) applyU1Real(st.re, st.n, st.nb, q, coef!, shared);
    else if (shared) applyU1Shared(st.re, st.im, st.n, st.nb, q, coef!);
    else applyU1(st.re, st.im, st.n, st.nb, q, coef!);
  },
};
