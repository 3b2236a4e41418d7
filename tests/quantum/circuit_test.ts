import assert from "node:assert/strict";
import {
  constParam,
  createCircuit,
  type GateName,
  inputParam,
  outputSize,
  weightParam,
} from "../../lib/quantum/mod.ts";

Deno.test("createCircuit() infers nWeights and nInputs from the largest indices used", () => {
  const c = createCircuit({
    nQubits: 2,
    ops: [
      { gate: "RY", wires: [0], params: [weightParam(4)] },
      { gate: "RX", wires: [1], params: [inputParam(2)] },
      {
        gate: "Rot",
        wires: [1],
        params: [constParam(1), weightParam(1), inputParam(0)],
      },
    ],
    observables: [
      {
        kind: "hermitian",
        wire: 0,
        params: [weightParam(6), constParam(0), constParam(0), constParam(0)],
      },
      { kind: "probs", wires: [1, 0] },
    ],
  });
  assert.equal(c.nWeights, 7);
  assert.equal(c.nInputs, 3);
  assert.equal(outputSize(c), 5);
});

Deno.test("createCircuit() throws RangeError naming the op when wires or angles are wrong", () => {
  const base = { nQubits: 2, observables: [] };
  assert.throws(
    () =>
      createCircuit({
        ...base,
        ops: [{ gate: "CNOT", wires: [1, 1], params: [] }],
      }),
    /Invalid circuit: op 0 \(CNOT\) expected distinct wires, got 1,1/,
  );
  assert.throws(
    () =>
      createCircuit({ ...base, ops: [{ gate: "RX", wires: [0], params: [] }] }),
    /Invalid circuit: op 0 \(RX\) expected 1 angles, got 0/,
  );
  assert.throws(
    () =>
      createCircuit({
        ...base,
        ops: [{ gate: "QubitUnitary", wires: [0], params: [] }],
      }),
    /Invalid circuit: op 0 \(QubitUnitary\) expected a matrix of length 8, got undefined/,
  );
  assert.throws(
    () =>
      createCircuit({
        ...base,
        ops: [],
        observables: [{ kind: "pauli", wires: [0], paulis: [] }],
      }),
    /Invalid circuit: observable 0 \(pauli\) expected 1 Pauli factors, got 0/,
  );
  assert.throws(
    () =>
      createCircuit({
        ...base,
        ops: [],
        init: { kind: "amplitude", nFeatures: 5 },
      }),
    /Invalid circuit: init.nFeatures expected in \[1, 4\], got 5/,
  );
  assert.throws(
    () =>
      createCircuit({
        ...base,
        ops: [{ gate: "RY", wires: [0], params: [weightParam(3)] }],
        nWeights: 2,
      }),
    /Invalid circuit: nWeights expected > 3, got 2/,
  );
});

Deno.test("createCircuit() throws TypeError when a gate name is unknown", () => {
  assert.throws(
    () =>
      createCircuit({
        nQubits: 1,
        ops: [{ gate: "CRX" as unknown as GateName, wires: [0], params: [] }],
        observables: [],
      }),
    (e: unknown) =>
      e instanceof TypeError &&
      /op 0 \(CRX\) has an unknown gate name/.test((e as Error).message),
  );
});

Deno.test("createCircuit() throws RangeError on bad qubit counts, observable wires and nInputs", () => {
  assert.throws(
    () => createCircuit({ nQubits: 0, ops: [], observables: [] }),
    /Invalid circuit: nQubits expected an integer in \[1, 30\], got 0/,
  );
  assert.throws(
    () =>
      createCircuit({
        nQubits: 2,
        ops: [],
        observables: [{ kind: "probs", wires: [1, 1] }],
      }),
    /Invalid circuit: observable 0 \(probs\) expected distinct wires, got 1,1/,
  );
  assert.throws(
    () =>
      createCircuit({
        nQubits: 1,
        ops: [],
        observables: [{
          kind: "hermitian",
          wire: 2,
          params: [constParam(1), constParam(0), constParam(0), constParam(0)],
        }],
      }),
    /Invalid circuit: observable 0 \(hermitian\) wire expected an integer in \[0, 1\), got 2/,
  );
  assert.throws(
    () =>
      createCircuit({
        nQubits: 1,
        ops: [{ gate: "RY", wires: [0], params: [inputParam(2)] }],
        observables: [],
        nInputs: 1,
      }),
    /Invalid circuit: nInputs expected > 2, got 1/,
  );
  assert.throws(
    () =>
      createCircuit({
        nQubits: 2,
        ops: [{ gate: "H", wires: [0, 1], params: [] }],
        observables: [],
      }),
    /Invalid circuit: op 0 \(H\) expected 1 wires, got 2/,
  );
});
