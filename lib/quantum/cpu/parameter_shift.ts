/**
 * Parameter-shift gradients (Mitarai et al., arXiv:1803.00745; Wierichs et al.,
 * arXiv:2107.12390 for RBS's four-term rule) on the CPU backend, as an independent check of the
 * adjoint method and for hardware-faithful gradients.
 *
 * @module
 */

import {
  type Circuit,
  createCircuit,
  inputParam,
  type Observable,
  type Operation,
  outputSize,
  type Param,
} from "../circuit.ts";
import { GATE_SPECS } from "../gates.ts";
import { paramValue } from "./_measure.ts";
import {
  type CpuRunOptions,
  CpuSimulator,
  type CpuVjp,
} from "./cpu_simulator.ts";

function withExtraInput(
  circuit: Circuit,
  ops: readonly Operation[],
  observables: readonly Observable[],
): Circuit {
  return createCircuit({
    nQubits: circuit.nQubits,
    ops,
    observables,
    init: circuit.init,
    nWeights: circuit.nWeights,
    nInputs: circuit.nInputs + 1,
  });
}

/**
 * Vector-Jacobian product by the parameter-shift rule of every gate angle (and exact central
 * differences for the linear Hermitian-observable coefficients). Amplitude-encoded features get
 * no gradient here (they are not gate angles); their dInputs entries stay 0.
 *
 * @param circuit The circuit.
 * @param options Weights, inputs and `dOut` = ∂L/∂out [B, nOut].
 * @returns `{ out, dWeights, dInputs }` like CpuSimulator.vjp.
 * @throws {RangeError} If an array has the wrong length.
 *
 * @example RY on |0⟩: ∂⟨Z⟩/∂θ = −sin θ
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit, weightParam } from "../circuit.ts";
 * import { parameterShift } from "./parameter_shift.ts";
 * const c = createCircuit({
 *   nQubits: 1,
 *   ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
 *   observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
 * });
 * const { dWeights } = parameterShift(c, { weights: [0.3], dOut: [1] });
 * assert.ok(Math.abs(dWeights[0] + Math.sin(0.3)) < 1e-14);
 * ```
 */
export function parameterShift(
  circuit: Circuit,
  options: CpuRunOptions & { dOut: ArrayLike<number> },
): CpuVjp {
  const { weights = [], inputs = [], dOut } = options;
  const nIn = circuit.nInputs;
  const nOut = outputSize(circuit), nb = dOut.length / nOut;
  if (!(Number.isInteger(nb) && nb >= 1)) {
    throw new RangeError(
      `Cannot run parameter shift: dOut length expected a positive multiple of ${nOut}, got ${dOut.length}`,
    );
  }
  const base = new CpuSimulator(circuit, { batch: nb });
  const out = base.forward({ weights, inputs });
  const dWeights = new Float64Array(circuit.nWeights),
    dInputs = new Float64Array(nb * nIn);
  const extended = new Float64Array(nb * (nIn + 1));
  for (let b = 0; b < nb; b++) {
    extended.set(
      Array.from({ length: nIn }, (_, i) => inputs[b * nIn + i]),
      b * (nIn + 1),
    );
  }
  const addGrad = (p: Param, b: number, g: number) => {
    if (p.kind === "weight") dWeights[p.index] += p.scale * g;
    else if (p.kind === "input") dInputs[b * nIn + p.index] += p.scale * g;
  };
  // ∂L_b/∂(angle) for a circuit whose shifted angle is extra input column nIn
  const shifted = (
    c: Circuit,
    angleOf: (b: number) => number,
    terms: readonly { coeff: number; shift: number }[],
  ) => {
    const sim = new CpuSimulator(c, { batch: nb });
    const grad = new Float64Array(nb);
    for (const { coeff, shift } of terms) {
      for (let b = 0; b < nb; b++) {
        extended[b * (nIn + 1) + nIn] = angleOf(b) + shift;
      }
      const o = sim.forward({ weights, inputs: extended });
      for (let b = 0; b < nb; b++) {
        for (let j = 0; j < nOut; j++) {
          grad[b] += coeff * dOut[b * nOut + j] * o[b * nOut + j];
        }
      }
    }
    return grad;
  };
  circuit.ops.forEach((op, k) => {
    op.params.forEach((p, j) => {
      if (p.kind === "const") return;
      const params = op.params.map((q, i) => (i === j ? inputParam(nIn) : q));
      const ops = circuit.ops.map((o, i) => (i === k ? { ...op, params } : o));
      const c = withExtraInput(circuit, ops, circuit.observables);
      const grad = shifted(
        c,
        (b) => paramValue(p, weights, inputs, nIn, b),
        GATE_SPECS[op.gate].shiftRule,
      );
      for (let b = 0; b < nb; b++) addGrad(p, b, grad[b]);
    });
  });
  circuit.observables.forEach((o, k) => {
    if (o.kind !== "hermitian") return;
    o.params.forEach((p, j) => {
      if (p.kind === "const") return;
      const params = o.params.slice() as [Param, Param, Param, Param];
      params[j] = inputParam(nIn);
      const observables = circuit.observables.map((
        x,
        i,
      ) => (i === k ? { ...o, params } : x));
      const c = withExtraInput(circuit, circuit.ops, observables);
      const linear = [{ coeff: 0.5, shift: 1 }, { coeff: -0.5, shift: -1 }];
      const grad = shifted(
        c,
        (b) => paramValue(p, weights, inputs, nIn, b),
        linear,
      );
      for (let b = 0; b < nb; b++) addGrad(p, b, grad[b]);
    });
  });
  return { out, dWeights, dInputs };
}
