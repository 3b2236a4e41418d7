/**
 * Kernel CZ: CZ on wires [a, b] multiplies by −1 the amplitudes where both qubits are 1.
 * Self-inverse, so the adjoint pass applies the same kernel to ψ and λ (`nBuf = 2`).
 *
 * @module
 */

import { CZ } from "../gates.ts";
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
  let iab = (base | (1u << step.bitA) | (1u << step.bitB)) * B + s; // |11⟩
  for (var buf = 0u; buf < step.nBuf; buf++) {
    store(buf, iab, -load(buf, iab));
  }
}
`;

/**
 * CZ kernel: one invocation per (group of four amplitudes, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { czKernel } from "./cz.ts";
 * assert.equal(czKernel.kernel, "CZ");
 * ```
 */
export const czKernel: WebgpuKernel = {
  kernel: CZ,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(CZ, gridOver(step, 2), step);
  },
};
