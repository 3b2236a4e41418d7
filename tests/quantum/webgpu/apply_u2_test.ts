import assert from "node:assert/strict";
import { createCircuit } from "../../../lib/quantum/circuit.ts";
import { gateMatrix } from "../../../lib/quantum/gates.ts";
import { ATOL, maxAbsDiff, noWebgpu, runOnce } from "./_setup.ts";

Deno.test({
  name:
    "applyU2Kernel with the CNOT matrix as a QubitUnitary equals the CNOT gate",
  ignore: noWebgpu,
  async fn() {
    const ops = (asMatrix: boolean) => [
      { gate: "H" as const, wires: [2], params: [] },
      asMatrix
        ? {
          gate: "QubitUnitary" as const,
          wires: [2, 0],
          params: [],
          matrix: gateMatrix("CNOT", []),
        }
        : { gate: "CNOT" as const, wires: [2, 0], params: [] },
    ];
    const circuit = (asMatrix: boolean) =>
      createCircuit({
        nQubits: 3,
        ops: ops(asMatrix),
        observables: [{ kind: "probs", wires: [0, 1, 2] }],
      });
    const a = await runOnce(circuit(true)), b = await runOnce(circuit(false));
    assert.ok(maxAbsDiff(a.out, b.out) < ATOL);
    assert.ok(maxAbsDiff(a.out, [0.5, 0, 0, 0, 0, 0.5, 0, 0]) < ATOL); // |000⟩ + |101⟩
  },
});
