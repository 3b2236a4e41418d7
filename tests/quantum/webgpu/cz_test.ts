import assert from "node:assert/strict";
import { createCircuit } from "../../../lib/quantum/circuit.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

Deno.test({
  name: "czKernel turns |++⟩ into a state with ⟨X0⟩ = 0 and ⟨X0 Z1⟩ = 1",
  ignore: noWebgpu,
  async fn() {
    const c = createCircuit({
      nQubits: 2,
      ops: [
        { gate: "H", wires: [0], params: [] },
        { gate: "H", wires: [1], params: [] },
        { gate: "CZ", wires: [1, 0], params: [] },
      ],
      observables: [
        { kind: "pauli", wires: [0], paulis: ["X"] },
        { kind: "pauli", wires: [0, 1], paulis: ["X", "Z"] },
        { kind: "probs", wires: [0, 1] },
      ],
    });
    const { out } = await runOnce(c);
    assert.ok(maxAbsDiff(out, [0, 1, 0.25, 0.25, 0.25, 0.25]) < ATOL);
  },
});
