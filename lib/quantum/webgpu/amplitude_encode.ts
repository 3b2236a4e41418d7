/**
 * Kernel AmplitudeEncode: the initial state ψ_i = x_i / ‖x_{0..F−1}‖ for i < F and 0 beyond
 * (zero padding to 2^n), from the first F = `nFeatures` columns of each input row in `aux`.
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

const BODY = `
fn run(s: u32) {
  let B = step.batch;
  let row = s * step.inDim;
  var norm2 = 0.0;
  for (var j = 0u; j < step.nFeatures; j++) {
    let x = aux[row + j];
    norm2 += x * x;
  }
  let inv = inverseSqrt(norm2);
  let dim = 1u << step.n;
  for (var i = 0u; i < dim; i++) {
    var v = 0.0;
    if (i < step.nFeatures) { v = aux[row + i] * inv; }
    psi[i * B + s] = vec2f(v, 0.0);
  }
}
`;

/**
 * Amplitude encoding: one invocation per sample.
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitudeEncodeKernel } from "./amplitude_encode.ts";
 * assert.equal(amplitudeEncodeKernel.kernel, "AmplitudeEncode");
 * ```
 */
export const amplitudeEncodeKernel: WebgpuKernel = {
  kernel: STAGE.AMPLITUDE_ENCODE,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "samples" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.AMPLITUDE_ENCODE, PER_SAMPLE, step);
  },
};
