/**
 * Pyramid of n(n−1)/2 RBS gates on neighbouring wires: an orthogonal layer on the unary subspace
 * (Landman et al., arXiv:2212.07389). Two gate orders are provided:
 *
 * - `"qdrop"`: Q-Drop `pyramid_circuit` (qdrop.md §1.4). For i = 0 … 2n−3 with
 *   j = n − |n−1−i|: odd i places gates on pairs (w, w+1) for even w < j, even i for odd w < j.
 *   For n = 6 the first wires are 0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 0, 2, 1, 0.
 * - `"w4"`: WORKLOADS.md W4. For t = 0 … 2n−4 and i = 0 … n−2, a gate on (i, i+1) when t ≥ i,
 *   t − i is even and t ≤ 2(n−2) − i. For n = 8 the first wires are
 *   0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 5, 0, 2, 4, 6, 1, 3, 5, 0, 2, 4, 1, 3, 0, 2, 1, 0.
 *
 * Weight k drives the k-th gate in the listed order.
 *
 * @module
 */

import { type Operation, weightParam } from "../circuit.ts";
import { RBS } from "../gates.ts";

/** Gate order of an RBS pyramid. */
export type PyramidLayout = "qdrop" | "w4";

function checkQubits(nQubits: number): void {
  if (!(Number.isInteger(nQubits) && nQubits >= 2)) {
    throw new RangeError(
      `Cannot build RBS pyramid: nQubits expected an integer >= 2, got ${nQubits}`,
    );
  }
}

/**
 * Number of weights of an RBS pyramid, n(n−1)/2.
 *
 * @param nQubits Number of wires n.
 * @returns The weight count P.
 * @throws {RangeError} If n is not an integer ≥ 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rbsPyramidShape } from "./rbs_pyramid.ts";
 * assert.equal(rbsPyramidShape(6), 15);
 * ```
 */
export function rbsPyramidShape(nQubits: number): number {
  checkQubits(nQubits);
  return (nQubits * (nQubits - 1)) / 2;
}

/**
 * First wire of each pyramid gate, in parameter order (gate k acts on (pairs[k], pairs[k]+1)).
 *
 * @param nQubits Number of wires n.
 * @param options Gate order.
 * @returns Uint32Array [P].
 * @throws {RangeError} If n is not an integer ≥ 2.
 *
 * @example Q-Drop layout for six wires (qdrop.md §1.4)
 * ```ts
 * import assert from "node:assert/strict";
 * import { rbsPyramidPairs } from "./rbs_pyramid.ts";
 * assert.deepEqual([...rbsPyramidPairs(6)], [0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 0, 2, 1, 0]);
 * ```
 */
export function rbsPyramidPairs(
  nQubits: number,
  { layout = "qdrop" }: {
    /** Gate order. @default "qdrop" */
    layout?: PyramidLayout;
  } = {},
): Uint32Array {
  checkQubits(nQubits);
  const n = nQubits;
  const pairs: number[] = [];
  if (layout === "qdrop") {
    for (let i = 0; i <= 2 * n - 3; i++) {
      const j = n - Math.abs(n - 1 - i);
      for (let w = i % 2 === 1 ? 0 : 1; w < j && w + 1 < n; w += 2) {
        pairs.push(w);
      }
    }
  } else if (layout === "w4") {
    for (let t = 0; t <= 2 * n - 4; t++) {
      for (let i = 0; i <= n - 2; i++) {
        if (t >= i && (t - i) % 2 === 0 && t <= 2 * (n - 2) - i) pairs.push(i);
      }
    }
  } else {
    throw new RangeError(
      `Cannot build RBS pyramid: layout expected "qdrop" or "w4", got "${layout}"`,
    );
  }
  return Uint32Array.from(pairs);
}

/** Options of {@linkcode rbsPyramid}. */
export interface RbsPyramidOptions {
  /** Gate order. @default "qdrop" */
  layout?: PyramidLayout;
  /** Index of the first weight used. @default 0 */
  weightOffset?: number;
  /** Times each gate is applied in a row (2 = Q-Drop's published code, qdrop.md §1.6). @default 1 */
  repeat?: number;
}

/**
 * RBS pyramid as circuit operations; gate k uses weight `weightOffset + k`.
 *
 * @param nQubits Number of wires n.
 * @param options Layout, weight offset and gate repetition.
 * @returns Operation list of length P·repeat.
 * @throws {RangeError} If n is not an integer ≥ 2.
 *
 * @example Three wires in the W4 order
 * ```ts
 * import assert from "node:assert/strict";
 * import { rbsPyramid } from "./rbs_pyramid.ts";
 * const ops = rbsPyramid(3, { layout: "w4" });
 * assert.deepEqual(ops.map((o) => o.wires), [[0, 1], [1, 2], [0, 1]]);
 * ```
 */
export function rbsPyramid(
  nQubits: number,
  { layout = "qdrop", weightOffset = 0, repeat = 1 }: RbsPyramidOptions = {},
): Operation[] {
  const pairs = rbsPyramidPairs(nQubits, { layout });
  const ops: Operation[] = [];
  pairs.forEach((a, k) => {
    for (let r = 0; r < repeat; r++) {
      ops.push({
        gate: RBS,
        wires: [a, a + 1],
        params: [weightParam(weightOffset + k)],
      });
    }
  });
  return ops;
}
