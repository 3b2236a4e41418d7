// Random circuits over every gate type, angle source and observable, for cross-checks.

import { createRng, type Rng } from "../../lib/runtime/mod.ts";
import {
  type Circuit,
  constParam,
  createCircuit,
  GATE_SPECS,
  type GateName,
  inputParam,
  type Observable,
  type Operation,
  type Param,
  weightParam,
} from "../../lib/quantum/mod.ts";

const ALL_GATES = Object.keys(GATE_SPECS) as GateName[];

function randomUnitary(rng: Rng, d: number): Float64Array {
  // Gram–Schmidt on a random complex matrix (columns)
  const m = Float64Array.from({ length: 2 * d * d }, () => rng.normal());
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let dr = 0, di = 0; // ⟨col p, col c⟩
      for (let r = 0; r < d; r++) {
        const pr = m[2 * (r * d + p)], pi = m[2 * (r * d + p) + 1];
        const cr = m[2 * (r * d + c)], ci = m[2 * (r * d + c) + 1];
        dr += pr * cr + pi * ci;
        di += pr * ci - pi * cr;
      }
      for (let r = 0; r < d; r++) {
        const pr = m[2 * (r * d + p)], pi = m[2 * (r * d + p) + 1];
        m[2 * (r * d + c)] -= dr * pr - di * pi;
        m[2 * (r * d + c) + 1] -= dr * pi + di * pr;
      }
    }
    let norm = 0;
    for (let r = 0; r < d; r++) {
      norm += m[2 * (r * d + c)] ** 2 + m[2 * (r * d + c) + 1] ** 2;
    }
    for (let r = 0; r < d; r++) {
      m[2 * (r * d + c)] /= Math.sqrt(norm);
      m[2 * (r * d + c) + 1] /= Math.sqrt(norm);
    }
  }
  return m;
}

/** A random circuit using every gate type, weight/input/const angles and every observable. */
export function randomCircuit(
  seed: number,
  nQubits: number,
  amplitude: boolean,
): Circuit {
  const rng = createRng(seed);
  const ops: Operation[] = [];
  const nWeights = 12, nInputs = amplitude ? 1 << nQubits : 4;
  const randomParam = (): Param => {
    const u = rng.next();
    if (u < 0.6) {
      return weightParam(rng.int(nWeights), {
        scale: rng.next() < 0.3 ? 2 : 1,
      });
    }
    if (u < 0.85) return inputParam(rng.int(nInputs), { scale: 0.7 });
    return constParam(rng.normal());
  };
  for (let k = 0; k < 3 * ALL_GATES.length; k++) {
    const gate = ALL_GATES[k % ALL_GATES.length];
    const spec = GATE_SPECS[gate];
    const nw = spec.nWires === 0 ? 1 + rng.int(2) : spec.nWires;
    const a = rng.int(nQubits);
    const wires = nw === 1
      ? [a]
      : [a, (a + 1 + rng.int(nQubits - 1)) % nQubits];
    const params = Array.from({ length: spec.nParams }, randomParam);
    ops.push({
      gate,
      wires,
      params,
      ...(gate === "QubitUnitary"
        ? { matrix: randomUnitary(rng, 1 << nw) }
        : {}),
    });
  }
  const observables: Observable[] = [
    { kind: "pauli", wires: [0], paulis: ["Z"] },
    { kind: "pauli", wires: [1, 2, 0], paulis: ["X", "Y", "Z"] },
    { kind: "pauli", wires: [2], paulis: ["Y"] },
    {
      kind: "hermitian",
      wire: 1,
      params: [weightParam(0), weightParam(1), weightParam(2), constParam(0.4)],
    },
    { kind: "probs", wires: [2, 0] },
  ];
  return createCircuit({
    nQubits,
    ops,
    observables,
    nWeights,
    nInputs,
    init: amplitude
      ? { kind: "amplitude", nFeatures: nInputs - 1 }
      : { kind: "zero" },
  });
}

export function data(seed: number, c: Circuit, batch: number) {
  const rng = createRng(seed);
  return {
    weights: Float64Array.from({ length: c.nWeights }, () => rng.normal()),
    inputs: Float64Array.from(
      { length: batch * c.nInputs },
      () => rng.normal(),
    ),
  };
}
