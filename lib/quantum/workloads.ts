/**
 * Reference workloads W1–W4 of ../shared/bench/WORKLOADS.md as circuits plus their exact
 * parameters, data and loss weights, for benchmarks and cross-backend checks.
 *
 * @module
 */

import {
  type Circuit,
  createCircuit,
  inputParam,
  type Observable,
  type Operation,
  type Param,
  weightParam,
} from "./circuit.ts";
import { type GateName, RX, RY, RZ } from "./gates.ts";
import { unaryLoader, unaryLoaderAngles } from "./encoders/unary_loader.ts";
import { cnotRing, czLadder } from "./templates/entanglers.ts";
import { rbsPyramid } from "./templates/rbs_pyramid.ts";

/** Workload names. */
export type WorkloadName = "W1" | "W2" | "W3" | "W4";

/** One workload: circuit, batch data and loss L = Σ_s Σ_o dOut[s,o]·out[s,o]. */
export interface Workload {
  /** Name, "W1" … "W4". */
  name: WorkloadName;
  /** Full-statevector circuit. */
  circuit: Circuit;
  /** Batch size B. */
  batch: number;
  /** θ_k = 0.1·(k+1), [P]. */
  weights: Float64Array;
  /** Circuit inputs [B, nInputs] (W4: the loader angles α). */
  inputs: Float64Array;
  /** Raw data [B, D] before encoding (W4: the unit vectors x). */
  raw: Float64Array;
  /** Loss weights per circuit output [B, nOut]. */
  dOut: Float64Array;
  /** The spec's outputs of sample s from this circuit's output row (W4 reads P(qubit j = 1)). */
  specOutputs(row: ArrayLike<number>): number[];
}

const rotation = (gate: GateName, wire: number, p: Param): Operation => ({
  gate,
  wires: [wire],
  params: [p],
});
const zOn = (w: number): Observable => ({
  kind: "pauli",
  wires: [w],
  paulis: ["Z"],
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const thetas = (p: number) =>
  Float64Array.from({ length: p }, (_, k) => 0.1 * (k + 1));

function normalizedRows(b: number, d: number): Float64Array {
  const x = new Float64Array(b * d);
  for (let s = 0; s < b; s++) {
    let ss = 0;
    for (let j = 0; j < d; j++) ss += (j + 1 + s) ** 2;
    for (let j = 0; j < d; j++) x[s * d + j] = (j + 1 + s) / Math.sqrt(ss);
  }
  return x;
}

function amplitudeWorkload(
  name: "W1" | "W2",
  n: number,
  layers: (l: number) => Operation[],
  nLayers: number,
): Workload {
  const batch = 256, d = 1 << n;
  const ops = range(nLayers).flatMap(layers);
  const circuit = createCircuit({
    nQubits: n,
    ops,
    observables: range(n).map(zOn),
    init: { kind: "amplitude", nFeatures: d },
  });
  const raw = normalizedRows(batch, d);
  return {
    name,
    circuit,
    batch,
    weights: thetas(circuit.nWeights),
    inputs: raw,
    raw,
    dOut: new Float64Array(batch * n).fill(1),
    specOutputs: (row) => Array.from(row),
  };
}

/**
 * Build one reference workload exactly as WORKLOADS.md specifies it.
 *
 * @param name "W1", "W2", "W3" or "W4".
 * @returns The workload.
 * @throws {RangeError} On an unknown name.
 *
 * @example W4 has 28 weights and 7 loader angles per sample
 * ```ts
 * import assert from "node:assert/strict";
 * import { workload } from "./workloads.ts";
 * const w4 = workload("W4");
 * assert.equal(w4.circuit.nWeights, 28);
 * assert.equal(w4.circuit.nInputs, 7);
 * assert.ok(Math.abs(w4.inputs[0] - 1.500725) < 1e-6);
 * ```
 */
export function workload(name: WorkloadName): Workload {
  switch (name) {
    case "W1":
      return amplitudeWorkload("W1", 4, (l) => [
        ...range(4).map((q) => rotation(RY, q, weightParam(4 * l + q))),
        ...cnotRing(range(4)),
      ], 2);
    case "W2":
      return amplitudeWorkload("W2", 8, (l) => [
        ...range(8).flatMap((q) => {
          const k = 24 * l + 3 * q;
          return ([RX, RY, RZ] as const).map((g, j) =>
            rotation(g, q, weightParam(k + j))
          );
        }),
        ...cnotRing(range(8)),
      ], 4);
    case "W3": {
      const n = 10, batch = 64;
      const ops = range(n).map((q) => rotation(RY, q, inputParam(q)));
      for (let l = 0; l < 6; l++) {
        ops.push(
          ...range(n).map((q) => rotation(RY, q, weightParam(10 * l + q))),
        );
        ops.push(...czLadder(range(n)));
      }
      const circuit = createCircuit({ nQubits: n, ops, observables: [zOn(0)] });
      const inputs = Float64Array.from(
        { length: batch * n },
        (_, i) => 0.05 * ((i % n) + 1) + 0.01 * Math.floor(i / n),
      );
      return {
        name,
        circuit,
        batch,
        weights: thetas(60),
        inputs,
        raw: inputs,
        dOut: new Float64Array(batch).fill(1),
        specOutputs: (row) => Array.from(row),
      };
    }
    case "W4": {
      const n = 8, batch = 256;
      const raw = normalizedRows(batch, n);
      const circuit = createCircuit({
        nQubits: n,
        ops: [...unaryLoader(n), ...rbsPyramid(n, { layout: "w4" })],
        observables: range(n).map((w) => ({ kind: "probs", wires: [w] })),
      });
      // L = Σ_s Σ_j (j+1)·P(qubit j = 1); in the unary subspace P(qubit j = 1) = |⟨e_j|ψ⟩|²
      const dOut = Float64Array.from(
        { length: batch * 2 * n },
        (_, i) => (i % 2) * (((i % (2 * n)) >> 1) + 1),
      );
      return {
        name,
        circuit,
        batch,
        weights: thetas(28),
        inputs: unaryLoaderAngles(raw, { nQubits: n, loader: "atan2" }),
        raw,
        dOut,
        specOutputs: (row) => range(n).map((j) => row[2 * j + 1]),
      };
    }
  }
  throw new RangeError(
    `Unknown workload: expected W1, W2, W3 or W4, got "${name}"`,
  );
}
