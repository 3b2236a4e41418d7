import assert from "node:assert/strict";
import {
  createCircuit,
  type Operation,
  outputSize,
  weightParam,
} from "../../../lib/quantum/circuit.ts";
import { createRng } from "../../../lib/runtime/mod.ts";
import {
  ATOL,
  maxAbsDiff,
  noWebgpu,
  referenceGradients,
  referenceOutputs,
  runOnce,
  uniforms,
} from "./_setup.ts";

Deno.test({
  name:
    "diagonalKernel applies a CZ ladder in one step, forward and adjoint, as the dense reference",
  ignore: noWebgpu,
  async fn() {
    const ops: Operation[] = [];
    for (let l = 0; l < 2; l++) {
      for (let q = 0; q < 4; q++) {
        ops.push({ gate: "RY", wires: [q], params: [weightParam(4 * l + q)] });
      }
      for (const [a, b] of [[0, 1], [1, 2], [2, 3], [3, 0]]) {
        ops.push({ gate: "CZ", wires: [a, b], params: [] });
      }
    }
    const circuit = createCircuit({
      nQubits: 4,
      ops,
      observables: [
        { kind: "pauli", wires: [0, 1], paulis: ["X", "X"] },
        { kind: "probs", wires: [3, 1] },
      ],
    });
    const rng = createRng(5), batch = 1;
    const weights = Float32Array.from(
      uniforms(rng, circuit.nWeights).map((v) => 3 * v),
    );
    const dOut = Float32Array.from(uniforms(rng, outputSize(circuit)));
    const got = await runOnce(circuit, { weights, dOut });
    const want = referenceGradients(
      circuit,
      { weights, inputs: [], batch },
      dOut,
    );
    assert.ok(
      maxAbsDiff(got.out, referenceOutputs(circuit, weights, [], batch)) < ATOL,
    );
    assert.ok(maxAbsDiff(got.dWeights, want.dWeights) < ATOL);
  },
});

Deno.test({
  name:
    "diagonalKernel cancels two CZ gates on a 2-qubit state (fewer than 8 amplitudes)",
  ignore: noWebgpu,
  async fn() {
    const circuit = createCircuit({
      nQubits: 2,
      ops: [
        { gate: "H", wires: [0], params: [] },
        { gate: "H", wires: [1], params: [] },
        { gate: "CZ", wires: [0, 1], params: [] },
        { gate: "CZ", wires: [1, 0], params: [] },
      ],
      observables: [
        { kind: "pauli", wires: [0], paulis: ["X"] },
        { kind: "pauli", wires: [1], paulis: ["X"] },
      ],
    });
    const { out } = await runOnce(circuit);
    assert.ok(maxAbsDiff(out, [1, 1]) < ATOL);
  },
});
