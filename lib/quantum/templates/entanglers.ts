/**
 * Fixed entangling layers: a CNOT ring and a CZ ladder (WORKLOADS.md W1–W3).
 *
 * @module
 */

import type { Operation } from "../circuit.ts";
import { CNOT, CZ } from "../gates.ts";

/**
 * CNOT(w_q → w_{(q+1) mod M}) for q = 0 … M−1 in that order (the last closes the ring).
 *
 * @param wires Wires in ring order (at least 2).
 * @returns M CNOT operations.
 * @throws {RangeError} If fewer than 2 wires are given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cnotRing } from "./entanglers.ts";
 * assert.deepEqual(cnotRing([0, 1, 2]).map((o) => o.wires), [[0, 1], [1, 2], [2, 0]]);
 * ```
 */
export function cnotRing(wires: readonly number[]): Operation[] {
  if (wires.length < 2) {
    throw new RangeError(
      `Cannot build CNOT ring: expected at least 2 wires, got ${wires.length}`,
    );
  }
  return wires.map((w, q) => ({
    gate: CNOT,
    wires: [w, wires[(q + 1) % wires.length]],
    params: [],
  }));
}

/**
 * CZ(w_q, w_{q+1}) for q = 0 … M−2 (no wrap-around).
 *
 * @param wires Wires in ladder order (at least 2).
 * @returns M−1 CZ operations.
 * @throws {RangeError} If fewer than 2 wires are given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { czLadder } from "./entanglers.ts";
 * assert.deepEqual(czLadder([0, 1, 2]).map((o) => o.wires), [[0, 1], [1, 2]]);
 * ```
 */
export function czLadder(wires: readonly number[]): Operation[] {
  if (wires.length < 2) {
    throw new RangeError(
      `Cannot build CZ ladder: expected at least 2 wires, got ${wires.length}`,
    );
  }
  return wires.slice(0, -1).map((w, q) => ({
    gate: CZ,
    wires: [w, wires[q + 1]],
    params: [],
  }));
}
