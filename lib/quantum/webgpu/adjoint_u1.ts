/**
 * Kernel AdjointU1: one backward step of adjoint differentiation (arXiv:2009.02823, Alg. 1)
 * through a fused single-qubit step U = U_m ⋯ U_1 with derivative matrices
 * D_j = ∂U/∂θ_j (product rule, built on the host):
 *
 *   φ ← U†φ;   g_j = 2·Re⟨λ|D_j φ⟩;   λ ← U†λ
 *
 * `mats` holds [U, D_0, …, D_{nItems−1}] (4 entries each) at `mat + s·stride`; g_j goes to
 * `grads[(slot + j)·B + s]`. One invocation walks all 2^{n−1} amplitude pairs of its sample, so
 * the sum needs no cross-invocation reduction.
 *
 * @module
 */

import {
  type DispatchRecorder,
  PER_SAMPLE,
  STAGE,
  type WebgpuKernel,
} from "./_kernel.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

// Re⟨λ|D_j φ⟩ = Re Σ_{r,c} D_j,rc · G_rc with G_rc = Σ_pairs conj(λ_r)·φ_c, so the loop over
// the pairs accumulates the 2×2 matrix G once, whatever the number of derivatives.
const BODY = `
fn conjMul(a: vec2f, b: vec2f) -> vec2f {
  return vec2f(a.x * b.x + a.y * b.y, a.x * b.y - a.y * b.x);
}
fn reMul(a: vec2f, b: vec2f) -> f32 { return a.x * b.x - a.y * b.y; }
fn run(s: u32) {
  let B = step.batch;
  let m = step.mat + s * step.stride;
  // U† entries
  let v00 = conj(mats[m]);
  let v01 = conj(mats[m + 2u]);
  let v10 = conj(mats[m + 1u]);
  let v11 = conj(mats[m + 3u]);
  var g00 = vec2f(0.0);
  var g01 = vec2f(0.0);
  var g10 = vec2f(0.0);
  var g11 = vec2f(0.0);
  let nPairs = 1u << (step.n - 1u);
  let stride1 = (1u << step.bitA) * B;
  for (var k = 0u; k < nPairs; k++) {
    let i0 = insertZero(k, step.bitA) * B + s;
    let i1 = i0 + stride1;
    let p0 = psi[i0];
    let p1 = psi[i1];
    let f0 = cmul(v00, p0) + cmul(v01, p1);
    let f1 = cmul(v10, p0) + cmul(v11, p1);
    let l0 = lam[i0];
    let l1 = lam[i1];
    g00 += conjMul(l0, f0);
    g01 += conjMul(l0, f1);
    g10 += conjMul(l1, f0);
    g11 += conjMul(l1, f1);
    psi[i0] = f0;
    psi[i1] = f1;
    lam[i0] = cmul(v00, l0) + cmul(v01, l1);
    lam[i1] = cmul(v10, l0) + cmul(v11, l1);
  }
  for (var j = 0u; j < step.nItems; j++) {
    let q = m + 4u + 4u * j;
    let re = reMul(mats[q], g00) + reMul(mats[q + 1u], g01) + reMul(mats[q + 2u], g10)
      + reMul(mats[q + 3u], g11);
    grads[(step.slot + j) * B + s] = 2.0 * re;
  }
}
`;

/**
 * Adjoint step of a fused single-qubit unitary: one invocation per sample.
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { adjointU1Kernel } from "./adjoint_u1.ts";
 * assert.equal(adjointU1Kernel.kernel, "AdjointU1");
 * ```
 */
export const adjointU1Kernel: WebgpuKernel = {
  kernel: STAGE.ADJOINT_U1,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "samples" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.ADJOINT_U1, PER_SAMPLE, step);
  },
};
