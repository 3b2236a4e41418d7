/**
 * Kernel InitZero: ψ = |0…0⟩ for every sample.
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
  psi[k * step.batch + s] = select(vec2f(0.0), vec2f(1.0, 0.0), k == 0u);
}
`;

/**
 * |0…0⟩ preparation: one invocation per (amplitude, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { initZeroKernel } from "./init_zero.ts";
 * assert.equal(initZeroKernel.kernel, "InitZero");
 * ```
 */
export const initZeroKernel: WebgpuKernel = {
  kernel: STAGE.INIT_ZERO,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.INIT_ZERO, gridOver(step, 0), step);
  },
};
