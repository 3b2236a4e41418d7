/**
 * Kernel CNOT: CNOT on wires [control, target] flips the target where the control is 1 (swaps |10⟩ and |11⟩).
 * Self-inverse, so the adjoint pass applies the same kernel to ψ and λ (`nBuf = 2`).
 *
 * @module
 */

import { CNOT } from "../gates.ts";
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
  let ia = (base | (1u << step.bitA)) * B + s; // |10⟩ in the order of the gate's wires
  let iab = (base | (1u << step.bitA) | (1u << step.bitB)) * B + s; // |11⟩
  for (var buf = 0u; buf < step.nBuf; buf++) {
    let v = load(buf, ia);
    store(buf, ia, load(buf, iab));
    store(buf, iab, v);
  }
}
`;

/**
 * CNOT kernel: one invocation per (group of four amplitudes, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { cnotKernel } from "./cnot.ts";
 * assert.equal(cnotKernel.kernel, "CNOT");
 * ```
 */
export const cnotKernel: WebgpuKernel = {
  kernel: CNOT,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(CNOT, gridOver(step, 2), step);
  },
};
