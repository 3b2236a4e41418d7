/**
 * The parameterised circuit of the v2 KD student (Hasan & Mahdy, arXiv
 * 2311.13810 v2, architecture figure; research notes `kd.md` §2.2). Read
 * literally, qubit i gets, in time order,
 *
 *   RX(rx_i) RY(ry_i) RZ(rz_i) RX(rx_i) RX(rx₀) RY(ry₀) RZ(rz₀)
 *
 * with per-qubit rx_i, ry_i, rz_i and three angles rx₀, ry₀, rz₀ shared by all
 * qubits: 3Q + 3 weights, laid out `[rx_0…rx_{Q−1}, ry_…, rz_…, rx₀, ry₀, rz₀]`.
 * No two-qubit gate is drawn, so U = ⊗_i U_i and, for any input state ρ,
 *
 *   ⟨Z_i⟩ = Tr(ρ_i U_i† Z U_i) = r_i · n_i,  n_i = R_iᵀ ẑ,
 *
 * where r_i is the Bloch vector of qubit i's reduced state and R_i the SO(3)
 * rotation of U_i (RX(φ) turns the Bloch sphere by φ about x, and so on). That
 * closed form is what {@linkcode kdV2ExpectationZ} computes, differentiably in
 * tfjs; {@linkcode kdV2Circuit} gives the same circuit as data for the simulators.
 *
 * Inputs: `"amplitude"` loads the L2-normalised 2^Q features as a real state
 * (TorchQuantum `AmplitudeEncoder`; wire 0 is the most significant bit), so
 * r_i = (2·Σ ψ_{k}ψ_{k⊕bit_i}, 0, Σ ±ψ_k²) over k with bit_i(k) = 0;
 * `"angle"` applies RY(x_i) to |0⟩ on each qubit, so r_i = (sin x_i, 0, cos x_i).
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import {
  amplitudeEncoding,
  type Circuit,
  createCircuit,
  inputParam,
  type Operation,
  RX,
  RY,
  RZ,
  weightParam,
} from "../quantum/mod.ts";

/** How features enter the v2 circuit. */
export type KdV2Encoding = "amplitude" | "angle";

/** Guards against a zero feature vector in the amplitude normalisation. */
const NORM_EPS = 1e-30;

/**
 * Number of trainable angles of the v2 circuit on Q qubits: 3Q + 3.
 *
 * @param nQubits Number of qubits Q.
 * @returns 3Q + 3.
 *
 * @example 15 angles for 4 qubits, 27 for 8 (notes §2.2)
 * ```ts
 * import assert from "node:assert/strict";
 * import { kdV2PqcShape } from "./kd_v2_pqc.ts";
 * assert.deepEqual([kdV2PqcShape(4), kdV2PqcShape(8)], [15, 27]);
 * ```
 */
export function kdV2PqcShape(nQubits: number): number {
  return 3 * nQubits + 3;
}

/**
 * The v2 circuit as data: encoding, the per-qubit gate sequence, ⟨Z⟩ on each wire.
 *
 * @param nQubits Number of qubits Q.
 * @param options The encoding.
 * @returns A circuit with 3Q + 3 weights and 2^Q (amplitude) or Q (angle) inputs.
 * @throws {RangeError} If Q is not a positive integer.
 *
 * @example Seven gates per qubit
 * ```ts
 * import assert from "node:assert/strict";
 * import { kdV2Circuit } from "./kd_v2_pqc.ts";
 * const c = kdV2Circuit(4, { encoding: "amplitude" });
 * assert.equal(c.ops.length, 28);
 * assert.equal(c.nWeights, 15);
 * assert.equal(c.nInputs, 16);
 * ```
 */
export function kdV2Circuit(
  nQubits: number,
  options: { encoding: KdV2Encoding },
): Circuit {
  if (!(Number.isInteger(nQubits) && nQubits >= 1)) {
    throw new RangeError(
      `Cannot build the v2 KD circuit: expected a positive integer qubit count, got ${nQubits}`,
    );
  }
  const q = nQubits;
  const gate = (
    g: typeof RX | typeof RY | typeof RZ,
    wire: number,
    index: number,
  ): Operation => ({
    gate: g,
    wires: [wire],
    params: [weightParam(index)],
  });
  const ops: Operation[] = [];
  for (let i = 0; i < q; i++) {
    if (options.encoding === "angle") {
      ops.push({ gate: RY, wires: [i], params: [inputParam(i)] });
    }
    ops.push(
      gate(RX, i, i),
      gate(RY, i, q + i),
      gate(RZ, i, 2 * q + i),
      gate(RX, i, i),
      gate(RX, i, 3 * q),
      gate(RY, i, 3 * q + 1),
      gate(RZ, i, 3 * q + 2),
    );
  }
  return createCircuit({
    nQubits: q,
    ops,
    observables: Array.from({ length: q }, (_, i) => ({
      kind: "pauli" as const,
      wires: [i],
      paulis: ["Z" as const],
    })),
    ...(options.encoding === "amplitude"
      ? { init: amplitudeEncoding(2 ** q, { nQubits: q }) }
      : {}),
  });
}

/** Options of {@linkcode kdV2ExpectationZ}. */
export interface KdV2ExpectationOptions {
  /** Number of qubits Q. */
  nQubits: number;
  /** How the features enter. @default {"amplitude"} */
  encoding?: KdV2Encoding;
}

/**
 * ⟨Z_i⟩ of the v2 circuit for a batch, in closed form (module doc), differentiable
 * with respect to both the features and the weights.
 *
 * @param features `[B, 2^Q]` (amplitude; normalised here) or `[B, Q]` angles (angle).
 * @param weights The 3Q + 3 circuit angles `[3Q + 3]`.
 * @param options Qubits and encoding.
 * @returns ⟨Z_i⟩ `[B, Q]`.
 * @throws {RangeError} If the feature or weight count does not match Q.
 *
 * @example All weights zero: ⟨Z⟩ of |00⟩ is 1 on both qubits
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { kdV2ExpectationZ } from "./kd_v2_pqc.ts";
 * const z = kdV2ExpectationZ(tf.tensor2d([[3, 0, 0, 0]]), tf.zeros([9]), { nQubits: 2 });
 * assert.deepEqual(Array.from(z.dataSync()), [1, 1]);
 * ```
 */
export function kdV2ExpectationZ(
  features: tf.Tensor2D,
  weights: tf.Tensor1D,
  options: KdV2ExpectationOptions,
): tf.Tensor2D {
  const { nQubits: q, encoding = "amplitude" } = options;
  const nFeatures = encoding === "amplitude" ? 2 ** q : q;
  if (features.shape[1] !== nFeatures || weights.shape[0] !== kdV2PqcShape(q)) {
    throw new RangeError(
      `Cannot evaluate the v2 KD circuit on ${q} qubits: expected ${nFeatures} features and ${
        kdV2PqcShape(q)
      } weights, got ${features.shape[1]} and ${weights.shape[0]}`,
    );
  }
  return tf.tidy(() => {
    const [rx, rz] = encoding === "amplitude"
      ? amplitudeBloch(features, q)
      : [tf.sin(features), tf.cos(features)]; // [B, Q] each, r_y = 0
    const [nx, nz] = heisenbergZ(weights, q); // [Q] each
    return tf.add(tf.mul(rx, nx), tf.mul(rz, nz)) as tf.Tensor2D;
  });
}

/** Bloch x and z components of each qubit of the amplitude-encoded real state. */
function amplitudeBloch(
  features: tf.Tensor2D,
  q: number,
): [tf.Tensor2D, tf.Tensor2D] {
  const nBatch = features.shape[0];
  const n = 2 ** q;
  const half = n / 2;
  const psi = tf.div(
    features,
    tf.sqrt(tf.add(tf.sum(tf.square(features), 1, true), NORM_EPS)),
  ); // [B, 2^Q]
  // For wire i (bit q−1−i of k): one-hot columns picking the indices with that
  // bit 0 and their partners with it set (a matmul, whose gradient every tfjs
  // backend has, where tf.gather's needs UnsortedSegmentSum, absent on wasm).
  const [pick0, pick1] = pickMatrices(q); // [2^Q, Q·2^{Q−1}] each
  const select = (pick: Float32Array) =>
    tf.reshape(tf.matMul(psi, tf.tensor2d(pick, [n, q * half])), [
      nBatch,
      q,
      half,
    ]);
  const psi0 = select(pick0); // [B, Q, 2^{Q−1}]
  const psi1 = select(pick1);
  const rx = tf.mul(tf.sum(tf.mul(psi0, psi1), 2), 2); // 2·Re ρ_01
  const rz = tf.sum(tf.sub(tf.square(psi0), tf.square(psi1)), 2); // ρ_00 − ρ_11
  return [rx as tf.Tensor2D, rz as tf.Tensor2D];
}

const PICKS = new Map<number, [Float32Array, Float32Array]>();

function pickMatrices(q: number): [Float32Array, Float32Array] {
  const cached = PICKS.get(q);
  if (cached) return cached;
  const n = 2 ** q, half = n / 2;
  const pick0 = new Float32Array(n * q * half);
  const pick1 = new Float32Array(n * q * half);
  for (let i = 0; i < q; i++) {
    const bit = 1 << (q - 1 - i);
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (k & bit) continue;
      pick0[k * q * half + i * half + m] = 1;
      pick1[(k | bit) * q * half + i * half + m] = 1;
      m++;
    }
  }
  PICKS.set(q, [pick0, pick1]);
  return [pick0, pick1];
}

/**
 * n_i = R_iᵀ ẑ for R_i = R_z(rz₀)R_y(ry₀)R_x(rx₀ + rx_i)R_z(rz_i)R_y(ry_i)R_x(rx_i);
 * its y component never meets a real state, so only x and z are returned.
 */
function heisenbergZ(
  weights: tf.Tensor1D,
  q: number,
): [tf.Tensor1D, tf.Tensor1D] {
  const part = (start: number, size: number) =>
    tf.slice(weights, [start], [size]);
  const rxI = part(0, q);
  const ryI = part(q, q);
  const rzI = part(2 * q, q);
  const rx0 = part(3 * q, 1);
  const ry0 = part(3 * q + 1, 1);
  // R_z(rz₀)ᵀ leaves ẑ unchanged, so rz₀ never affects ⟨Z⟩.
  let v: Vec3 = [tf.zeros([q]), tf.zeros([q]), tf.ones([q])];
  v = rotYT(v, ry0);
  v = rotXT(v, tf.add(rx0, rxI));
  v = rotZT(v, rzI);
  v = rotYT(v, ryI);
  v = rotXT(v, rxI);
  return [v[0] as tf.Tensor1D, v[2] as tf.Tensor1D];
}

type Vec3 = [tf.Tensor, tf.Tensor, tf.Tensor];

/** R_x(φ)ᵀ v with R_x(φ) = [[1,0,0],[0,c,−s],[0,s,c]]. */
function rotXT([x, y, z]: Vec3, phi: tf.Tensor): Vec3 {
  const c = tf.cos(phi), s = tf.sin(phi);
  return [
    x,
    tf.add(tf.mul(c, y), tf.mul(s, z)),
    tf.sub(tf.mul(c, z), tf.mul(s, y)),
  ];
}

/** R_y(φ)ᵀ v with R_y(φ) = [[c,0,s],[0,1,0],[−s,0,c]]. */
function rotYT([x, y, z]: Vec3, phi: tf.Tensor): Vec3 {
  const c = tf.cos(phi), s = tf.sin(phi);
  return [
    tf.sub(tf.mul(c, x), tf.mul(s, z)),
    y,
    tf.add(tf.mul(s, x), tf.mul(c, z)),
  ];
}

/** R_z(φ)ᵀ v with R_z(φ) = [[c,−s,0],[s,c,0],[0,0,1]]. */
function rotZT([x, y, z]: Vec3, phi: tf.Tensor): Vec3 {
  const c = tf.cos(phi), s = tf.sin(phi);
  return [
    tf.add(tf.mul(c, x), tf.mul(s, y)),
    tf.sub(tf.mul(c, y), tf.mul(s, x)),
    z,
  ];
}
