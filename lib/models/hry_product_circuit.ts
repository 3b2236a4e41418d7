/**
 * The v1 "quantum layer" of the KD students (research notes `kd.md` §2.1;
 * Hasan & Mahdy, arXiv 2311.13810 notebooks): on every qubit j of |0…0⟩ apply
 * H then RY(θ_j), and measure all qubits. It is a product state, so
 *
 *   p_k(θ) = Π_{j=0}^{Q−1} ½·(1 + s_kj·sin θ_j),  s_kj = +1 if bit j of k is 1, else −1,
 *
 * with Qiskit's order: bit j of k (LSB = bit 0) is the outcome of qubit j.
 * The published backward pass evaluates the circuit at θ ± (π/4)·e_j and
 * returns the undivided difference; since p is linear in each sin θ_j,
 * p(θ + s) − p(θ − s) = 2·sin(s)·∂p/∂θ_j, i.e. √2 × the exact gradient.
 *
 * Batched typed-array kernels; shapes are `[B, Q]` for θ and `[B, 2^Q]` for p.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";
import {
  type Circuit,
  createCircuit,
  H,
  inputParam,
  RY,
  sampleProbs,
} from "../quantum/mod.ts";

/** Angles or their gradient, row-major `[B, Q]`. */
export type AngleArray = Float32Array | Float64Array;

/** Shift of the published finite difference (notes §2.1). */
export const HRY_SHIFT = Math.PI / 4;

function check(theta: AngleArray, shape: [number, number]): number {
  const [nBatch, nQubits] = shape;
  if (!(nQubits >= 1 && nQubits <= 16) || theta.length !== nBatch * nQubits) {
    throw new RangeError(
      `Cannot evaluate the H·RY product circuit: expected ${nBatch}×${nQubits} angles with 1 ≤ Q ≤ 16, got ${theta.length}`,
    );
  }
  return 1 << nQubits;
}

/**
 * Exact outcome probabilities p_k(θ) = Π_j ½(1 + s_kj sin θ_j) of the H·RY circuit.
 *
 * @param theta Angles θ `[B, Q]`.
 * @param shape `[B, Q]`.
 * @returns Probabilities `[B, 2^Q]`, bit j of k = qubit j.
 * @throws {RangeError} If the shape does not match or Q is outside 1…16.
 *
 * @example At θ = π/4 on 4 qubits, p('1111') = 0.8536⁴ ≈ 0.531 (notes §2.1)
 * ```ts
 * import assert from "node:assert/strict";
 * import { hryProductProbs } from "./hry_product_circuit.ts";
 * const p = hryProductProbs(new Float64Array(4).fill(Math.PI / 4), [1, 4]);
 * assert.ok(Math.abs(p[15] - ((1 + Math.SQRT1_2) / 2) ** 4) < 1e-12);
 * ```
 */
export function hryProductProbs(
  theta: AngleArray,
  shape: [number, number],
): Float64Array {
  const nOut = check(theta, shape);
  const [nBatch, nQubits] = shape;
  const probs = new Float64Array(nBatch * nOut);
  const up = new Float64Array(nQubits); // P(qubit j = 1)
  for (let b = 0; b < nBatch; b++) {
    for (let j = 0; j < nQubits; j++) {
      up[j] = 0.5 * (1 + Math.sin(theta[b * nQubits + j]));
    }
    const row = b * nOut;
    probs[row] = 1;
    // Build the product one qubit at a time: entries 0…2^j−1 hold qubits < j.
    for (let j = 0; j < nQubits; j++) {
      const half = 1 << j;
      for (let k = 0; k < half; k++) {
        const p = probs[row + k];
        probs[row + k + half] = p * up[j];
        probs[row + k] = p * (1 - up[j]);
      }
    }
  }
  return probs;
}

/**
 * Exact vector–Jacobian product Σ_k g_k ∂p_k/∂θ_j, with
 * ∂p_k/∂θ_j = ½ s_kj cos θ_j · Π_{i≠j} ½(1 + s_ki sin θ_i).
 *
 * @param theta Angles θ `[B, Q]`.
 * @param shape `[B, Q]`.
 * @param options `dProbs`: the upstream gradient g `[B, 2^Q]`.
 * @returns ∂L/∂θ `[B, Q]`.
 * @throws {RangeError} If the shapes do not match.
 *
 * @example One qubit: p_1 = (1 + sin θ)/2, so ∂p_1/∂θ = cos θ / 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { hryProductVjp } from "./hry_product_circuit.ts";
 * const g = hryProductVjp(new Float64Array([0.3]), [1, 1], { dProbs: new Float64Array([0, 1]) });
 * assert.ok(Math.abs(g[0] - Math.cos(0.3) / 2) < 1e-15);
 * ```
 */
export function hryProductVjp(
  theta: AngleArray,
  shape: [number, number],
  options: { dProbs: ArrayLike<number> },
): Float64Array {
  const nOut = check(theta, shape);
  const [nBatch, nQubits] = shape;
  const { dProbs } = options;
  if (dProbs.length !== nBatch * nOut) {
    throw new RangeError(
      `Cannot differentiate the H·RY product circuit: expected ${nBatch}×${nOut} upstream gradients, got ${dProbs.length}`,
    );
  }
  const grad = new Float64Array(nBatch * nQubits);
  const probs = hryProductProbs(theta, shape);
  for (let b = 0; b < nBatch; b++) {
    const row = b * nOut;
    for (let j = 0; j < nQubits; j++) {
      const c = Math.cos(theta[b * nQubits + j]);
      const bit = 1 << j;
      // Pair k (bit j = 0) with k|bit: both share Π_{i≠j}, the marginal m.
      let acc = 0;
      for (let k = 0; k < nOut; k++) {
        if (k & bit) continue;
        const p0 = probs[row + k];
        const p1 = probs[row + (k | bit)];
        const m = p0 + p1; // Π_{i≠j} ½(1 + s_ki sin θ_i)
        acc += 0.5 * c * m * (dProbs[row + (k | bit)] - dProbs[row + k]);
      }
      grad[b * nQubits + j] = acc;
    }
  }
  return grad;
}

/** Options of {@linkcode hryShiftDifferenceVjp}. */
export interface HryShiftDifferenceOptions {
  /** The upstream gradient g `[B, 2^Q]`. */
  dProbs: ArrayLike<number>;
  /** Shift s of θ_j. @default {HRY_SHIFT (π/4)} */
  shift?: number;
  /** Shots per shifted circuit (fresh samples, as published); 0 uses exact probabilities. @default {0} */
  shots?: number;
  /** Shot stream (required when `shots > 0`). */
  rng?: Rng;
}

/**
 * The published backward pass (notes §2.1, §6.9): Σ_k g_k [p̂_k(θ + s e_j) − p̂_k(θ − s e_j)],
 * not divided by anything, so with exact probabilities it is 2·sin(s) = √2 times
 * {@linkcode hryProductVjp}. With shots, each of the 2Q shifted circuits is sampled afresh.
 *
 * @param theta Angles θ `[B, Q]`.
 * @param shape `[B, Q]`.
 * @param options Upstream gradient, shift, shots and rng.
 * @returns The published ∂L/∂θ estimate `[B, Q]`.
 * @throws {RangeError} If the shapes do not match, or shots are asked for without an rng.
 *
 * @example Exact probabilities: √2 × the exact gradient
 * ```ts
 * import assert from "node:assert/strict";
 * import { hryProductVjp, hryShiftDifferenceVjp } from "./hry_product_circuit.ts";
 * const theta = new Float64Array([0.3, -1.1]);
 * const dProbs = new Float64Array([0.1, -0.4, 0.7, 0.2]);
 * const fd = hryShiftDifferenceVjp(theta, [1, 2], { dProbs });
 * const exact = hryProductVjp(theta, [1, 2], { dProbs });
 * assert.ok(Math.abs(fd[1] - Math.SQRT2 * exact[1]) < 1e-12);
 * ```
 */
export function hryShiftDifferenceVjp(
  theta: AngleArray,
  shape: [number, number],
  options: HryShiftDifferenceOptions,
): Float64Array {
  const nOut = check(theta, shape);
  const [nBatch, nQubits] = shape;
  const { dProbs, shift = HRY_SHIFT, shots = 0, rng } = options;
  if (shots > 0 && rng === undefined) {
    throw new RangeError(
      `Cannot sample the shifted circuits: expected an rng with shots=${shots}, got none`,
    );
  }
  const grad = new Float64Array(nBatch * nQubits);
  const shifted = new Float64Array(nQubits);
  for (let b = 0; b < nBatch; b++) {
    for (let j = 0; j < nQubits; j++) {
      let acc = 0;
      for (const sign of [1, -1]) {
        for (let i = 0; i < nQubits; i++) shifted[i] = theta[b * nQubits + i];
        shifted[j] += sign * shift;
        let p = hryProductProbs(shifted, [1, nQubits]);
        if (shots > 0) {
          p = sampleProbs(p, { nOutcomes: nOut, shots, rng: rng! });
        }
        for (let k = 0; k < nOut; k++) {
          acc += sign * dProbs[b * nOut + k] * p[k];
        }
      }
      grad[b * nQubits + j] = acc;
    }
  }
  return grad;
}

/**
 * The H·RY circuit as data for the simulators: input feature j drives RY on
 * wire Q−1−j, so that (qubit 0 being the most significant bit in
 * `lib/quantum`) output index k has Qiskit's order, bit j of k = θ_j's qubit.
 *
 * @param nQubits Number of qubits Q.
 * @returns A circuit with Q inputs and one `probs` observable of 2^Q outputs.
 * @throws {RangeError} If Q is not a positive integer.
 *
 * @example Two qubits: four gates, four outputs
 * ```ts
 * import assert from "node:assert/strict";
 * import { hryProductCircuit } from "./hry_product_circuit.ts";
 * const c = hryProductCircuit(2);
 * assert.equal(c.ops.length, 4);
 * assert.equal(c.nInputs, 2);
 * ```
 */
export function hryProductCircuit(nQubits: number): Circuit {
  if (!(Number.isInteger(nQubits) && nQubits >= 1)) {
    throw new RangeError(
      `Cannot build the H·RY circuit: expected a positive integer qubit count, got ${nQubits}`,
    );
  }
  const wires = Array.from({ length: nQubits }, (_, j) => nQubits - 1 - j);
  return createCircuit({
    nQubits,
    ops: wires.flatMap((wire, j) => [
      { gate: H, wires: [wire], params: [] },
      { gate: RY, wires: [wire], params: [inputParam(j)] },
    ]),
    observables: [{
      kind: "probs",
      wires: Array.from({ length: nQubits }, (_, w) => w),
    }],
  });
}
