/**
 * Kernel RBS: the reconfigurable beam splitter on wires [a, b], a Givens rotation of the
 * |01⟩, |10⟩ block (WORKLOADS.md; qdrop.md §1.2):
 *
 *   ψ'_01 = cos θ·ψ_01 + sin θ·ψ_10,   ψ'_10 = −sin θ·ψ_01 + cos θ·ψ_10,
 *
 * with `(cos θ, sin θ)` read from `mats` (per sample when θ depends on the input). With
 * `flags & 1` it applies RBS(−θ) = RBS(θ)†; with `nBuf = 2` it acts on ψ and λ alike.
 *
 * @module
 */

import { RBS } from "../gates.ts";
import {
  type DispatchRecorder,
  gridOver,
  QUAD_BASE_WGSL,
  type WebgpuKernel,
} from "./_kernel.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

const BODY = `${QUAD_BASE_WGSL}
fn run(s: u32, k: u32) {
  let B = step.batch;
  let base = quadBase(k);
  let i10 = (base | (1u << step.bitA)) * B + s;
  let i01 = (base | (1u << step.bitB)) * B + s;
  let cs = mats[step.mat + s * step.stride];
  let sn = select(cs.y, -cs.y, (step.flags & 1u) != 0u);
  for (var buf = 0u; buf < step.nBuf; buf++) {
    let v01 = load(buf, i01);
    let v10 = load(buf, i10);
    store(buf, i01, cs.x * v01 + sn * v10);
    store(buf, i10, cs.x * v10 - sn * v01);
  }
}
`;

/**
 * RBS kernel: one invocation per (group of four amplitudes, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { rbsKernel } from "./rbs.ts";
 * assert.equal(rbsKernel.kernel, "RBS");
 * ```
 */
export const rbsKernel: WebgpuKernel = {
  kernel: RBS,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(RBS, gridOver(step, 2), step);
  },
};
