/**
 * Kernel AdjointRBS: one backward step of adjoint differentiation (arXiv:2009.02823, Alg. 1)
 * through RBS(θ) on wires [a, b]. On the |01⟩, |10⟩ block RBS(θ) = [[c, s], [−s, c]] and
 * ∂RBS/∂θ = [[−s, c], [−c, −s]] (zero on |00⟩, |11⟩), so
 *
 *   φ ← RBS(−θ)φ;   g = 2·Re⟨λ|∂RBS φ⟩;   λ ← RBS(−θ)λ
 *
 * with `(cos θ, sin θ)` at `mats[mat + s·stride]` and g written to `grads[slot·B + s]`.
 *
 * @module
 */

import {
  type DispatchRecorder,
  PER_SAMPLE,
  QUAD_BASE_WGSL,
  STAGE,
  type WebgpuKernel,
} from "./_kernel.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

const BODY = `${QUAD_BASE_WGSL}
fn run(s: u32) {
  let B = step.batch;
  let cs = mats[step.mat + s * step.stride];
  let c = cs.x;
  let sn = cs.y;
  let nQuads = 1u << (step.n - 2u);
  var g = 0.0;
  for (var k = 0u; k < nQuads; k++) {
    let base = quadBase(k);
    let i10 = (base | (1u << step.bitA)) * B + s;
    let i01 = (base | (1u << step.bitB)) * B + s;
    let p01 = psi[i01];
    let p10 = psi[i10];
    let f01 = c * p01 - sn * p10;
    let f10 = sn * p01 + c * p10;
    let l01 = lam[i01];
    let l10 = lam[i10];
    g += dot(l01, c * f10 - sn * f01) - dot(l10, c * f01 + sn * f10);
    psi[i01] = f01;
    psi[i10] = f10;
    lam[i01] = c * l01 - sn * l10;
    lam[i10] = sn * l01 + c * l10;
  }
  grads[step.slot * B + s] = 2.0 * g;
}
`;

/**
 * Adjoint step of an RBS gate: one invocation per sample.
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjointRbsKernel } from "./adjoint_rbs.ts";
 * assert.equal(adjointRbsKernel.kernel, "AdjointRBS");
 * ```
 */
export const adjointRbsKernel: WebgpuKernel = {
  kernel: STAGE.ADJOINT_RBS,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "samples" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.ADJOINT_RBS, PER_SAMPLE, step);
  },
};
