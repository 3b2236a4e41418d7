/**
 * Kernel Measure: the measured rows of every sample (see _measure_groups.ts):
 *
 *   Pauli row:  ⟨ψ|P|ψ⟩ = Re( i^{nY} · Σ_j (−1)^{popcount(j & yz)} · conj(ψ_{j⊕flip}) · ψ_j )
 *   probs rows: p(v) = Σ_{i : bits of i on the group's wires spell v} |ψ_i|²
 *
 * written to `rows[s·R + row]`. ⟨Z_q⟩ is the Pauli row with `yz` = the bit of q.
 *
 * @module
 */

import { type DispatchRecorder, STAGE, type WebgpuKernel } from "./_kernel.ts";
import { MEASURE_WGSL } from "./_measure_groups.ts";
import { kernelSource, type StepArgs } from "./_wgsl.ts";

const BODY = `${MEASURE_WGSL}
fn run(s: u32, g: u32) {
  let B = step.batch;
  let r = groupRecord(g);
  let dim = 1u << step.n;
  let out = s * step.nRows + meas[r + 1u];
  if (meas[r] == 0u) {
    let flip = meas[r + 2u];
    let yz = meas[r + 3u];
    if (flip == 0u) { // a Z string: Σ_j (−1)^{popcount(j & yz)}·|ψ_j|²
      var z = 0.0;
      for (var j = 0u; j < dim; j++) {
        let a = psi[j * B + s];
        z += paritySign(j & yz) * dot(a, a);
      }
      rows[out] = z;
      return;
    }
    var acc = vec2f(0.0);
    for (var j = 0u; j < dim; j++) {
      acc += paritySign(j & yz) * cmul(conj(psi[(j ^ flip) * B + s]), psi[j * B + s]);
    }
    rows[out] = timesIPow(acc, meas[r + 4u]).x;
    return;
  }
  let nValues = 1u << meas[r + 5u];
  let comp = (dim - 1u) & ~scatterBits(r, nValues - 1u);
  for (var v = 0u; v < nValues; v++) {
    let base = scatterBits(r, v);
    var p = 0.0;
    var sub = 0u;
    loop {
      let a = psi[(base | sub) * B + s];
      p += dot(a, a);
      sub = (sub - comp) & comp; // next subset of the other wires' bits
      if (sub == 0u) { break; }
    }
    rows[out + v] = p;
  }
}
`;

/**
 * Measurement kernel: one invocation per (group, sample); `step.nItems` is the group count.
 *
 * @example Registered name
 * ```ts
 * import assert from "node:assert/strict";
 * import { measureKernel } from "./measure.ts";
 * assert.equal(measureKernel.kernel, "Measure");
 * ```
 */
export const measureKernel: WebgpuKernel = {
  kernel: STAGE.MEASURE,
  backend: "webgpu",
  wgsl: kernelSource(BODY, { layout: "grid" }),
  run(recorder: DispatchRecorder, step: StepArgs): void {
    recorder.dispatch(STAGE.MEASURE, {
      layout: "grid",
      items: step.nItems ?? 0,
    }, step);
  },
};
