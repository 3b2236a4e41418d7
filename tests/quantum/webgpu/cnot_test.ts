import assert from "node:assert/strict";
import { createCircuit } from "../../../lib/quantum/circuit.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

// Rows of the 4×4 identity: sample s starts in basis state |s⟩ = |q0 q1⟩.
const BASIS = Float32Array.from(
  { length: 16 },
  (_, i) => (i % 5 === 0 ? 1 : 0),
);

function cnot(wires: number[]) {
  return createCircuit({
    nQubits: 2,
    ops: [{ gate: "CNOT", wires, params: [] }],
    observables: [{ kind: "probs", wires: [0, 1] }],
    init: { kind: "amplitude", nFeatures: 4 },
  });
}

Deno.test({
  name: "cnotKernel follows the CNOT truth table for either control wire",
  ignore: noWebgpu,
  async fn() {
    // control 0: |10⟩ ↔ |11⟩; control 1: |01⟩ ↔ |11⟩
    for (
      const [wires, image] of [[[0, 1], [0, 1, 3, 2]], [[1, 0], [0, 3, 2, 1]]]
    ) {
      const { out } = await runOnce(cnot(wires), { inputs: BASIS, batch: 4 });
      const want = new Float32Array(16);
      image.forEach((j, s) => (want[4 * s + j] = 1));
      assert.ok(maxAbsDiff(out, want) < ATOL, `wires ${wires}`);
    }
  },
});
