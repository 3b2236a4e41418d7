import assert from "node:assert/strict";
import { createCircuit, weightParam } from "../../../lib/quantum/circuit.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

// From |10⟩ RBS(θ) gives cos θ|10⟩ + sin θ|01⟩, so ⟨X0X1⟩ = 2·ψ01·ψ10 = sin 2θ; from |01⟩ it
// gives cos θ|01⟩ − sin θ|10⟩ and ⟨X0X1⟩ = −sin 2θ (WORKLOADS.md).
const c = createCircuit({
  nQubits: 2,
  ops: [{ gate: "RBS", wires: [0, 1], params: [weightParam(0)] }],
  observables: [
    { kind: "pauli", wires: [0, 1], paulis: ["X", "X"] },
    { kind: "probs", wires: [0, 1] },
  ],
  init: { kind: "amplitude", nFeatures: 4 },
});

Deno.test({
  name: "rbsKernel acts as a Givens rotation with d⟨X0X1⟩/dθ = ±2 cos 2θ",
  ignore: noWebgpu,
  async fn() {
    const theta = 0.4, s = Math.sin(theta) ** 2, co = Math.cos(theta) ** 2;
    const inputs = [0, 0, 1, 0, 0, 1, 0, 0]; // |10⟩, |01⟩
    const dOut = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0];
    const { out, dWeights } = await runOnce(c, {
      weights: [theta],
      inputs,
      batch: 2,
      dOut,
    });
    const want = [
      Math.sin(2 * theta),
      0,
      s,
      co,
      0,
      -Math.sin(2 * theta),
      0,
      co,
      s,
      0,
    ];
    assert.ok(maxAbsDiff(out, want) < ATOL);
    // the two samples' gradients cancel: 2 cos 2θ − 2 cos 2θ
    assert.ok(Math.abs(dWeights[0]) < ATOL);
    const one = await runOnce(c, {
      weights: [theta],
      inputs: inputs.slice(0, 4),
      dOut: dOut.slice(0, 5),
    });
    assert.ok(Math.abs(one.dWeights[0] - 2 * Math.cos(2 * theta)) < ATOL);
  },
});
