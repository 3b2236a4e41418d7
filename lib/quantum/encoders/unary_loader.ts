/**
 * Unary ("linear", "diagonal") RBS data loader: X on wire 0, then RBS(α_k) on (k, k+1) for
 * k = 0 … n−2, so that the state is Σ_j y_j |e_j⟩ with e_j the basis state where only qubit j is
 * set. Two angle maps are provided:
 *
 * - `"arccos"`: Q-Drop `convert_array` (qdrop.md §1.3), α_i = arccos(x̂_i / ∏_{j<i} sin α_j)
 *   on x̂ = x/‖x‖; loses the sign of the last component.
 * - `"atan2"`: WORKLOADS.md W4, α_k = atan2(√Σ_{j>k} x_j², x_k), α_{n−2} = atan2(x_{n−1}, x_{n−2});
 *   loads exactly x/‖x‖.
 *
 * @module
 */

import { inputParam, type Operation } from "../circuit.ts";
import { RBS, X } from "../gates.ts";
import { arccosAngles, atan2Angles, normalizeRow } from "./_unary_math.ts";

/** Angle map of the unary loader. */
export type UnaryLoaderKind = "arccos" | "atan2";

/** Options of {@linkcode unaryLoaderAngles}. */
export interface UnaryLoaderAnglesOptions {
  /** Number of wires n = features per sample. */
  nQubits: number;
  /** Angle map. @default "atan2" */
  loader?: UnaryLoaderKind;
}

/**
 * Loader angles of every sample.
 *
 * @param x Features, row-major [B, n] (any scale; each row is L2-normalised).
 * @param options Wire count and angle map.
 * @returns Angles, row-major [B, n−1].
 * @throws {RangeError} If x.length is not a multiple of n or n < 2.
 *
 * @example W4 intermediate check, sample 0 (WORKLOADS.md)
 * ```ts
 * import assert from "node:assert/strict";
 * import { unaryLoaderAngles } from "./unary_loader.ts";
 * const alpha = unaryLoaderAngles(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), { nQubits: 8 });
 * assert.ok(Math.abs(alpha[0] - 1.500725) < 1e-6 && Math.abs(alpha[6] - 0.851966) < 1e-6);
 * ```
 */
export function unaryLoaderAngles(
  x: ArrayLike<number>,
  { nQubits, loader = "atan2" }: UnaryLoaderAnglesOptions,
): Float64Array {
  const n = nQubits;
  if (!(Number.isInteger(n) && n >= 2 && x.length % n === 0)) {
    throw new RangeError(
      `Cannot compute unary loader angles: expected n >= 2 dividing ${x.length}, got n = ${n}`,
    );
  }
  const b = x.length / n;
  const out = new Float64Array(b * (n - 1));
  const xhat = new Float64Array(n), alpha = new Float64Array(n - 1);
  const u = new Float64Array(n - 1), prod = new Float64Array(n - 1);
  for (let s = 0; s < b; s++) {
    if (loader === "atan2") atan2Angles(x, s * n, n, alpha);
    else {
      normalizeRow(x, s * n, n, xhat);
      arccosAngles(xhat, n, alpha, u, prod);
    }
    out.set(alpha, s * (n - 1));
  }
  return out;
}

/** Options of {@linkcode unaryLoader}. */
export interface UnaryLoaderOptions {
  /** Input column of α_0 (α_k is column inputOffset + k). @default 0 */
  inputOffset?: number;
  /** Times each RBS is applied in a row (2 = Q-Drop's published code, qdrop.md §1.6). @default 1 */
  repeat?: number;
}

/**
 * Loader as circuit operations whose angles are input features (the per-sample α of
 * {@linkcode unaryLoaderAngles}).
 *
 * @param nQubits Number of wires n.
 * @param options Input offset and gate repetition.
 * @returns X on wire 0, then (n−1)·repeat RBS gates.
 * @throws {RangeError} If n < 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unaryLoader } from "./unary_loader.ts";
 * const ops = unaryLoader(3, { repeat: 2 });
 * assert.deepEqual(ops.map((o) => o.gate), ["X", "RBS", "RBS", "RBS", "RBS"]);
 * ```
 */
export function unaryLoader(
  nQubits: number,
  { inputOffset = 0, repeat = 1 }: UnaryLoaderOptions = {},
): Operation[] {
  if (!(Number.isInteger(nQubits) && nQubits >= 2)) {
    throw new RangeError(
      `Cannot build unary loader: nQubits expected an integer >= 2, got ${nQubits}`,
    );
  }
  const ops: Operation[] = [{ gate: X, wires: [0], params: [] }];
  for (let k = 0; k < nQubits - 1; k++) {
    for (let r = 0; r < repeat; r++) {
      ops.push({
        gate: RBS,
        wires: [k, k + 1],
        params: [inputParam(inputOffset + k)],
      });
    }
  }
  return ops;
}
