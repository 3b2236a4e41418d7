/**
 * Lowering of a circuit's observables to measured rows (see _measure_groups.ts): a Pauli string
 * is one row, probabilities over k wires are 2^k rows, and a Hermitian observable on one wire is
 * the four rows I, Z, X, Y combined on the host.
 *
 * @module
 */

import type { Circuit, Param } from "../circuit.ts";
import { groupRows, type MeasureGroup } from "./_measure_groups.ts";

/** How one circuit output is read from the measured rows. */
export type OutputMap =
  | { readonly kind: "rows"; readonly row: number; readonly size: number }
  | {
    readonly kind: "hermitian";
    readonly row: number; // rows I, Z, X, Y of the wire
    readonly params: readonly [Param, Param, Param, Param];
  };

/**
 * Measured groups and the output map of a circuit's observables.
 *
 * @param circuit The circuit.
 * @returns Groups in row order and one output map per observable.
 *
 * @example ⟨Z_1⟩ on two qubits reads bit 0 of the basis index
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit } from "../circuit.ts";
 * import { lowerObservables } from "./_observables.ts";
 * const c = createCircuit({
 *   nQubits: 2,
 *   ops: [],
 *   observables: [{ kind: "pauli", wires: [1], paulis: ["Z"] }],
 * });
 * assert.deepEqual(lowerObservables(c).groups, [{ kind: "pauli", flip: 0, yz: 1, nY: 0 }]);
 * ```
 */
export function lowerObservables(
  circuit: Circuit,
): { groups: MeasureGroup[]; outputs: OutputMap[] } {
  const n = circuit.nQubits;
  const groups: MeasureGroup[] = [], outputs: OutputMap[] = [];
  let row = 0;
  const add = (g: MeasureGroup) => {
    groups.push(g);
    row += groupRows(g);
  };
  const pauli = (
    wires: readonly number[],
    paulis: readonly string[],
  ): MeasureGroup => {
    let flip = 0, yz = 0, nY = 0;
    wires.forEach((w, k) => {
      const bit = 1 << (n - 1 - w);
      if (paulis[k] !== "Z") flip |= bit;
      if (paulis[k] !== "X") yz |= bit;
      if (paulis[k] === "Y") nY++;
    });
    return { kind: "pauli", flip, yz, nY };
  };
  for (const o of circuit.observables) {
    if (o.kind === "pauli") {
      outputs.push({ kind: "rows", row, size: 1 });
      add(pauli(o.wires, o.paulis));
    } else if (o.kind === "probs") {
      outputs.push({ kind: "rows", row, size: 2 ** o.wires.length });
      add({ kind: "probs", bits: o.wires.map((w) => n - 1 - w) });
    } else {
      // H = [[a, c − i·d], [c + i·d, b]] = (a+b)/2·I + (a−b)/2·Z + c·X + d·Y
      outputs.push({ kind: "hermitian", row, params: o.params });
      for (const p of ["", "Z", "X", "Y"]) {
        add(pauli(p ? [o.wire] : [], p ? [p] : []));
      }
    }
  }
  return { groups, outputs };
}
