import assert from "node:assert/strict";
import {
  createCircuit,
  inputParam,
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
    "applyU1LayerKernels and adjointLayerKernels match finite differences when runs span two layers",
  ignore: noWebgpu,
  async fn() {
    // 5 wires × 10 angles each: each run splits into chunks of 8 and 2 (MAX_DERIVS), giving
    // layers of 4 + 1 parts at level 0 and level 1; inputs make some parts per-sample.
    const gates = ["RX", "RY", "RZ", "Rot"] as const;
    const ops: Operation[] = [];
    let w = 0;
    for (let k = 0; k < 10; k++) {
      for (let q = 0; q < 5; q++) {
        const gate = gates[(k + q) % 3];
        const param = (k + q) % 4 === 0 ? inputParam(q % 2) : weightParam(w++);
        ops.push({ gate, wires: [q], params: [param] });
      }
    }
    ops.push({ gate: "CNOT", wires: [0, 4], params: [] });
    ops.push({
      gate: "Rot",
      wires: [2],
      params: [weightParam(w++), inputParam(1), weightParam(w++)],
    });
    const circuit = createCircuit({
      nQubits: 5,
      ops,
      observables: [
        { kind: "pauli", wires: [0, 2], paulis: ["X", "Z"] },
        { kind: "pauli", wires: [4], paulis: ["Y"] },
      ],
    });
    const batch = 2, rng = createRng(11);
    const weights = Float32Array.from(uniforms(rng, circuit.nWeights));
    const inputs = Float32Array.from(uniforms(rng, batch * circuit.nInputs));
    const dOut = Float32Array.from(uniforms(rng, batch * outputSize(circuit)));
    const got = await runOnce(circuit, { weights, inputs, batch, dOut });
    const want = referenceGradients(circuit, { weights, inputs, batch }, dOut);
    assert.ok(
      maxAbsDiff(got.out, referenceOutputs(circuit, weights, inputs, batch)) <
        ATOL,
    );
    assert.ok(maxAbsDiff(got.dWeights, want.dWeights) < ATOL);
    assert.ok(maxAbsDiff(got.dInputs, want.dInputs) < ATOL);
  },
});
