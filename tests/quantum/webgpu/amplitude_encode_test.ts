import assert from "node:assert/strict";
import { createCircuit } from "../../../lib/quantum/circuit.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

Deno.test({
  name:
    "amplitudeEncodeKernel round-trips x/‖x‖ with zero padding, and its gradient is analytic",
  ignore: noWebgpu,
  async fn() {
    const c = createCircuit({
      nQubits: 3,
      ops: [],
      observables: [{ kind: "probs", wires: [0, 1, 2] }],
      init: { kind: "amplitude", nFeatures: 5 },
    });
    const x = [0.5, -1, 2, 0.25, -0.75];
    const coef = [1, 2, 3, 4, 5, 6, 7, 8]; // L = Σ_i c_i p_i
    const { out, dInputs } = await runOnce(c, { inputs: x, dOut: coef });
    const n2 = x.reduce((a, v) => a + v * v, 0);
    const p = [...x.map((v) => (v * v) / n2), 0, 0, 0];
    assert.ok(maxAbsDiff(out, p) < ATOL);
    // p_i = x_i²/‖x‖²  ⇒  ∂L/∂x_j = 2x_j·c_j/‖x‖² − 2x_j·Σ_i c_i x_i²/‖x‖⁴
    const cp = x.reduce((a, v, i) => a + coef[i] * v * v, 0);
    const want = x.map((v, j) =>
      (2 * v * coef[j]) / n2 - (2 * v * cp) / (n2 * n2)
    );
    assert.ok(maxAbsDiff(dInputs, want) < ATOL);
  },
});
