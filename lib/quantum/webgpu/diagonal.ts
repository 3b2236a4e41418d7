/**
 * Kernel Diagonal: a run of CZ gates in one pass. CZ on wires (a, b) negates the amplitudes
 * whose bits a and b are both 1, so the run multiplies amplitude i by (−1)^{#{j : i & m_j = m_j}}
 * for the masks m_j of its gates, read from `meas[mat …]` (`nItems` of them). Self-inverse,
 * so the adjoint pass applies it to ψ and λ alike (`nBuf = 2`).
 *
 * @module
 */

import { type DispatchRecorder, STAGE, type WebgpuKernel } from "./_kernel.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

// Each invocation handles 8 consecutive amplitudes i = 8k … 8k+7, so each mask is read once per
// 8 amplitudes: a mask whose bits above bit 2 are all set in 8k flips the amplitudes whose
// low 3 bits contain the mask's low bits, the set \`sel\` (bit l for amplitude 8k + l).
const BODY = `
fn run(s: u32, k: u32) {
  let B = step.batch;
  let dim = 1u << step.n;
  var odd = 0u;
  for (var j = 0u; j < step.nItems; j++) {
    let m = meas[step.mat + j];
    let high = m & ~7u;
    if (((k << 3u) & high) != high) { continue; }
    var sel = 255u;
    if ((m & 1u) != 0u) { sel &= 0xAAu; }
    if ((m & 2u) != 0u) { sel &= 0xCCu; }
    if ((m & 4u) != 0u) { sel &= 0xF0u; }
    odd ^= sel;
  }
  for (var l = 0u; l < 8u; l++) {
    let i = (k << 3u) | l;
    if (((odd >> l) & 1u) == 0u || i >= dim) { continue; }
    let t = i * B + s;
    for (var buf = 0u; buf < step.nBuf; buf++) { store(buf, t, -load(buf, t)); }
  }
}
`;

/**
 * Diagonal sign kernel: one invocation per (8 amplitudes, sample).
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { diagonalKernel } from "./diagonal.ts";
 * assert.equal(diagonalKernel.kernel, "Diagonal");
 * ```
 */
export const diagonalKernel: WebgpuKernel = {
  kernel: STAGE.DIAGONAL,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    const items = Math.max(1, 2 ** ((step.n ?? 0) - 3));
    recorder.dispatch(STAGE.DIAGONAL, { layout: "grid", items }, step);
  },
};
