/**
 * Kernel U2: ψ ← U ψ for a constant two-qubit 4×4 complex U on wires [a, b] (QubitUnitary);
 * `inverse` applies U†.
 *
 * @module
 */

import { CPU_KERNEL, type CpuKernel, type Real } from "./_kernel.ts";

/** ψ ← U ψ for a constant 4×4 complex U (interleaved) on wires (a, b2); `dagger` applies U†. */
function applyU2(
  re: Real,
  im: Real,
  n: number,
  nb: number,
  wires: readonly [number, number],
  u: Float64Array,
  dagger: boolean,
): void {
  const ba = 1 << (n - 1 - wires[0]),
    bb = 1 << (n - 1 - wires[1]),
    dim = 1 << n;
  const m = new Float64Array(32);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const from = dagger ? 2 * (c * 4 + r) : 2 * (r * 4 + c);
      m[2 * (r * 4 + c)] = u[from];
      m[2 * (r * 4 + c) + 1] = dagger ? -u[from + 1] : u[from + 1];
    }
  }
  const off = [0, bb, ba, ba | bb];
  const xr = new Float64Array(4), xi = new Float64Array(4);
  for (let i = 0; i < dim; i++) {
    if (i & (ba | bb)) continue;
    for (let b = 0; b < nb; b++) {
      for (let k = 0; k < 4; k++) {
        xr[k] = re[(i | off[k]) * nb + b];
        xi[k] = im[(i | off[k]) * nb + b];
      }
      for (let r = 0; r < 4; r++) {
        let sr = 0, si = 0;
        for (let k = 0; k < 4; k++) {
          const mr = m[2 * (r * 4 + k)], mi = m[2 * (r * 4 + k) + 1];
          sr += mr * xr[k] - mi * xi[k];
          si += mr * xi[k] + mi * xr[k];
        }
        re[(i | off[r]) * nb + b] = sr;
        im[(i | off[r]) * nb + b] = si;
      }
    }
  }
}

/**
 * U2 kernel on ψ (or λ with `lambda`).
 *
 * @example SWAP as a 4×4 matrix exchanges |01⟩ and |10⟩
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCpuState } from "./_kernel.ts";
 * import { gateMatrix } from "../gates.ts";
 * import { u2Kernel } from "./apply_u2.ts";
 * const st = createCpuState(2, 1);
 * st.re[1] = 1;
 * u2Kernel.run(st, { wires: [0, 1], matrix: gateMatrix("SWAP", []) });
 * assert.deepEqual([...st.re], [0, 0, 1, 0]);
 * ```
 */
export const u2Kernel: CpuKernel = {
  kernel: CPU_KERNEL.U2,
  backend: "cpu",
  run(st, { wires, matrix, inverse = false, lambda = false }) {
    const [re, im] = lambda ? [st.lre, st.lim] : [st.re, st.im];
    applyU2(re, im, st.n, st.nb, [wires[0], wires[1]], matrix!, inverse);
  },
};
