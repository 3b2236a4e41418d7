/**
 * Kernel AdjointSeed: the start of adjoint differentiation (Jones & Gacon, arXiv:2009.02823,
 * Alg. 1), λ = Σ_r dy_r · O_r ψ for the measured rows r with upstream gradients dy (in `aux` at
 * `dyOff`, [B, R]), so that dL = 2·Re⟨λ|dψ⟩:
 *
 *   Pauli row:  (Pψ)_i = i^{nY} · (−1)^{popcount((i⊕flip) & yz)} · ψ_{i⊕flip}
 *   probs row v: (Π_v ψ)_i = ψ_i where the group bits of i spell v, else 0
 *
 * @module
 */

import { type DispatchRecorder, STAGE, type WebgpuKernel } from "./_kernel.ts";
import { MEASURE_WGSL } from "./_measure_groups.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

// Each invocation handles the 8 amplitudes i = 8k + l, l = 0 … 7, so each group record is read
// once per 8 amplitudes (as in diagonal.ts); the low 3 bits of i are l.
const BODY = `${MEASURE_WGSL}
fn run(s: u32, k: u32) {
  let B = step.batch;
  let dim = 1u << step.n;
  let hi = k << 3u;
  let dy = step.dyOff + s * step.nRows;
  // weights of the diagonal rows (Z strings, probabilities), applied to ψ_i at the end
  var diag = array<f32, 8>(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
  var acc = array<vec2f, 8>();
  for (var g = 0u; g < step.nItems; g++) {
    let r = groupRecord(g);
    let rowBase = meas[r + 1u];
    let flip = meas[r + 2u];
    let yz = meas[r + 3u];
    if (meas[r] == 1u) {
      let row = dy + rowBase + compressBits(r, hi);
      for (var l = 0u; l < 8u; l++) { diag[l] += aux[row + compressBits(r, l)]; }
    } else if (flip == 0u) {
      let d = aux[dy + rowBase] * paritySign(hi & yz);
      for (var l = 0u; l < 8u; l++) { diag[l] += d * paritySign(l & yz); }
    } else {
      let d = aux[dy + rowBase];
      let phase = meas[r + 4u];
      for (var l = 0u; l < 8u; l++) {
        let j = (hi | l) ^ flip;
        if (j < dim) {
          acc[l] += d * timesIPow(paritySign(j & yz) * psi[j * B + s], phase);
        }
      }
    }
  }
  for (var l = 0u; l < 8u; l++) {
    let i = hi | l;
    if (i < dim) { lam[i * B + s] = acc[l] + diag[l] * psi[i * B + s]; }
  }
}
`;

/**
 * Adjoint seed: one invocation per (8 amplitudes, sample); `step.nItems` is the group count.
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjointSeedKernel } from "./adjoint_seed.ts";
 * assert.equal(adjointSeedKernel.kernel, "AdjointSeed");
 * ```
 */
export const adjointSeedKernel: WebgpuKernel = {
  kernel: STAGE.ADJOINT_SEED,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    const items = Math.max(1, 2 ** ((step.n ?? 0) - 3));
    recorder.dispatch(STAGE.ADJOINT_SEED, { layout: "grid", items }, step);
  },
};
