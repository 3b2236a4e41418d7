/**
 * Kernel U2: a general two-qubit unitary (QubitUnitary on two wires) on wires [a, b], the 4×4
 * matrix in the basis |q_a q_b⟩ = |00⟩, |01⟩, |10⟩, |11⟩ read row-major from `mats`. With
 * `flags & 1` it applies U†; with `nBuf = 2` it acts on ψ and λ alike.
 *
 * @module
 */

import {
  type DispatchRecorder,
  gridOver,
  QUAD_BASE_WGSL,
  STAGE,
  type WebgpuKernel,
} from "./_kernel.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

const BODY = `${QUAD_BASE_WGSL}
fn run(s: u32, k: u32) {
  let B = step.batch;
  let base = quadBase(k);
  var idx: array<u32, 4>;
  idx[0] = base * B + s;
  idx[1] = (base | (1u << step.bitB)) * B + s;
  idx[2] = (base | (1u << step.bitA)) * B + s;
  idx[3] = (base | (1u << step.bitA) | (1u << step.bitB)) * B + s;
  let m = step.mat + s * step.stride;
  let dagger = (step.flags & 1u) != 0u;
  var u: array<vec2f, 16>;
  for (var r = 0u; r < 4u; r++) {
    for (var c = 0u; c < 4u; c++) {
      u[r * 4u + c] = select(mats[m + r * 4u + c], conj(mats[m + c * 4u + r]), dagger);
    }
  }
  for (var buf = 0u; buf < step.nBuf; buf++) {
    var v: array<vec2f, 4>;
    for (var c = 0u; c < 4u; c++) { v[c] = load(buf, idx[c]); }
    for (var r = 0u; r < 4u; r++) {
      var acc = vec2f(0.0);
      for (var c = 0u; c < 4u; c++) { acc += cmul(u[r * 4u + c], v[c]); }
      store(buf, idx[r], acc);
    }
  }
}
`;

/**
 * General two-qubit unitary kernel: one invocation per (group of four amplitudes, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyU2Kernel } from "./apply_u2.ts";
 * assert.equal(applyU2Kernel.kernel, "U2");
 * ```
 */
export const applyU2Kernel: WebgpuKernel = {
  kernel: STAGE.U2,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.U2, gridOver(step, 2), step);
  },
};
