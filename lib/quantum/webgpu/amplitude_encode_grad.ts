/**
 * Kernel AmplitudeEncodeGrad: the loss gradient with respect to amplitude-encoded inputs.
 *
 * After the adjoint pass λ = ∂L/∂ψ₀ in the sense dL = 2·Re⟨λ|dψ₀⟩, so for real inputs
 * g_i = 2·Re λ_i, and through ψ₀ = x/‖x‖ (Jacobian (I − x̂x̂ᵀ)/‖x‖):
 *
 *   ∂L/∂x_i = (g_i − (g·x̂)·x̂_i) / ‖x‖,   i < F.
 *
 * Written to `grads[gradInOff + s·F + i]`.
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
  let F = step.nFeatures;
  let row = s * step.inDim;
  var norm2 = 0.0;
  for (var j = 0u; j < F; j++) {
    let x = aux[row + j];
    norm2 += x * x;
  }
  let inv = inverseSqrt(norm2);
  var gDotX = 0.0;
  for (var j = 0u; j < F; j++) { gDotX += 2.0 * lam[j * B + s].x * aux[row + j] * inv; }
  let out = step.gradInOff + s * F;
  for (var j = 0u; j < F; j++) {
    grads[out + j] = (2.0 * lam[j * B + s].x - gDotX * aux[row + j] * inv) * inv;
  }
}
`;

/**
 * Amplitude-encoding gradient: one invocation per sample.
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitudeEncodeGradKernel } from "./amplitude_encode_grad.ts";
 * assert.equal(amplitudeEncodeGradKernel.kernel, "AmplitudeEncodeGrad");
 * ```
 */
export const amplitudeEncodeGradKernel: WebgpuKernel = {
  kernel: STAGE.AMPLITUDE_ENCODE_GRAD,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "samples" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.AMPLITUDE_ENCODE_GRAD, PER_SAMPLE, step);
  },
};
