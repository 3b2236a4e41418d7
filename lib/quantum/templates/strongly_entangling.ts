/**
 * StronglyEntanglingLayers (Schuld, Bocharov, Svore, Wiebe, arXiv:1804.00633), as PennyLane's
 * `qml.StronglyEntanglingLayers`: in layer l every wire i gets Rot(w[l,i,0], w[l,i,1], w[l,i,2]),
 * then CNOT(wires[i], wires[(i + r_l) mod M]) for i = 0 … M−1, with ranges
 * r_l = (l mod (M−1)) + 1 by default. Weight shape (L, M, 3), flattened row-major.
 *
 * @module
 */

import { type Operation, weightParam } from "../circuit.ts";
import { CNOT, type CZ, ROT } from "../gates.ts";

/**
 * Weight shape (L, M, 3) of StronglyEntanglingLayers.
 *
 * @param nLayers Number of layers L.
 * @param nWires Number of wires M.
 * @returns The shape tuple.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stronglyEntanglingShape } from "./strongly_entangling.ts";
 * assert.deepEqual(stronglyEntanglingShape(2, 4), [2, 4, 3]);
 * ```
 */
export function stronglyEntanglingShape(
  nLayers: number,
  nWires: number,
): [number, number, number] {
  return [nLayers, nWires, 3];
}

/** Options of {@linkcode stronglyEntangling}. */
export interface StronglyEntanglingOptions {
  /** Wires M, in order. */
  wires: readonly number[];
  /** Entangler range per layer. @default (l mod (M−1)) + 1 */
  ranges?: readonly number[];
  /** Index of w[0,0,0] in the weight vector. @default 0 */
  weightOffset?: number;
  /** Two-qubit entangler. @default "CNOT" */
  imprimitive?: typeof CNOT | typeof CZ;
}

/**
 * StronglyEntanglingLayers as circuit operations.
 *
 * @param nLayers Number of layers L.
 * @param options Wires, ranges, weight offset and entangler.
 * @returns Operation list (M Rot + M entanglers per layer; no entanglers when M = 1).
 * @throws {RangeError} If ranges has a length other than L or a range is a multiple of M.
 *
 * @example Two wires, one layer
 * ```ts
 * import assert from "node:assert/strict";
 * import { stronglyEntangling } from "./strongly_entangling.ts";
 * const ops = stronglyEntangling(1, { wires: [0, 1] });
 * assert.deepEqual(ops.map((o) => [o.gate, ...o.wires]), [
 *   ["Rot", 0], ["Rot", 1], ["CNOT", 0, 1], ["CNOT", 1, 0],
 * ]);
 * ```
 */
export function stronglyEntangling(
  nLayers: number,
  { wires, ranges, weightOffset = 0, imprimitive = CNOT }:
    StronglyEntanglingOptions,
): Operation[] {
  const m = wires.length;
  const r = ranges ??
    Array.from({ length: nLayers }, (_, l) => m > 1 ? (l % (m - 1)) + 1 : 0);
  if (r.length !== nLayers) {
    throw new RangeError(
      `Cannot build StronglyEntanglingLayers: ranges expected length ${nLayers}, got ${r.length}`,
    );
  }
  const ops: Operation[] = [];
  for (let l = 0; l < nLayers; l++) {
    for (let i = 0; i < m; i++) {
      const k = weightOffset + 3 * (l * m + i);
      const params = [weightParam(k), weightParam(k + 1), weightParam(k + 2)];
      ops.push({ gate: ROT, wires: [wires[i]], params });
    }
    if (m < 2) continue;
    if (r[l] % m === 0) {
      throw new RangeError(
        `Cannot build StronglyEntanglingLayers: range of layer ${l} expected not a multiple of ${m}, got ${
          r[l]
        }`,
      );
    }
    for (let i = 0; i < m; i++) {
      ops.push({
        gate: imprimitive,
        wires: [wires[i], wires[(i + r[l]) % m]],
        params: [],
      });
    }
  }
  return ops;
}
