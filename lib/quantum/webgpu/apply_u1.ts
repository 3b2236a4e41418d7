/**
 * Kernel U1: a (fused) single-qubit unitary `ψ ← U ψ` on one wire, for every sample, where `U` is
 * the product of a run of consecutive single-qubit gates on that wire (multiplied on the host).
 * With `flags & 1` it applies U†, and with `nBuf = 2` it acts on ψ and λ alike (adjoint pass).
 *
 * @module
 */

import {
  type DispatchRecorder,
  gridOver,
  STAGE,
  type WebgpuKernel,
} from "./_kernel.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

const BODY = `
fn run(s: u32, k: u32) {
  let B = step.batch;
  let i0 = insertZero(k, step.bitA) * B + s;
  let i1 = i0 + (1u << step.bitA) * B;
  let m = step.mat + s * step.stride;
  var u00 = mats[m]; var u01 = mats[m + 1u]; var u10 = mats[m + 2u]; var u11 = mats[m + 3u];
  if ((step.flags & 1u) != 0u) {
    let c01 = u01;
    u00 = conj(u00); u01 = conj(u10); u10 = conj(c01); u11 = conj(u11);
  }
  for (var buf = 0u; buf < step.nBuf; buf++) {
    let a0 = load(buf, i0);
    let a1 = load(buf, i1);
    store(buf, i0, cmul(u00, a0) + cmul(u01, a1));
    store(buf, i1, cmul(u10, a0) + cmul(u11, a1));
  }
}
`;

/**
 * Fused single-qubit unitary kernel: one invocation per (amplitude pair, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyU1Kernel } from "./apply_u1.ts";
 * assert.equal(applyU1Kernel.kernel, "U1");
 * ```
 */
export const applyU1Kernel: WebgpuKernel = {
  kernel: STAGE.U1,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.U1, gridOver(step, 1), step);
  },
};
