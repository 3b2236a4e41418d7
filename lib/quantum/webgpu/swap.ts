/**
 * Kernel SWAP: SWAP on wires [a, b] exchanges the two qubits (swaps |01⟩ and |10⟩).
 * Self-inverse, so the adjoint pass applies the same kernel to ψ and λ (`nBuf = 2`).
 *
 * @module
 */

import { SWAP } from "../gates.ts";
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
  let ib = (base | (1u << step.bitB)) * B + s; // |01⟩
  for (var buf = 0u; buf < step.nBuf; buf++) {
    let v = load(buf, ia);
    store(buf, ia, load(buf, ib));
    store(buf, ib, v);
  }
}
`;

/**
 * SWAP kernel: one invocation per (group of four amplitudes, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { swapKernel } from "./swap.ts";
 * assert.equal(swapKernel.kernel, "SWAP");
 * ```
 */
export const swapKernel: WebgpuKernel = {
  kernel: SWAP,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(SWAP, gridOver(step, 2), step);
  },
};
