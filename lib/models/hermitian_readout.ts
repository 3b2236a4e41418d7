/**
 * The trainable per-qubit 2×2 Hermitian observable of the quantum LeNet
 * (qdd.md §3, code HEAD 2bd66db): a raw tensor M [nQubits, 2, 2, 2] holds the
 * real and imaginary parts of A, and H_i = (A + A†)/2. Writing
 * H_i = c0·I + cx·X + cy·Y + cz·Z with c0 = (H00 + H11)/2, cz = (H00 − H11)/2,
 * cx = Re H01, cy = −Im H01 gives q_i = c0 + cx⟨X_i⟩ + cy⟨Y_i⟩ + cz⟨Z_i⟩, so
 * only the three single-qubit Pauli expectations are needed from the circuit.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";

/**
 * Rows: flattened M[i] entries (r·4 + c·2 + part), columns: c0, cx, cy, cz.
 * H00 = M000, H11 = M110, Re H01 = (M010 + M100)/2, Im H01 = (M011 − M101)/2.
 */
const M_TO_PAULI = [
  [0.5, 0, 0, 0.5], // M000 = Re A00
  [0, 0, 0, 0], // M001 = Im A00 (cancels in A + A†)
  [0, 0.5, 0, 0], // M010 = Re A01
  [0, 0, -0.5, 0], // M011 = Im A01
  [0, 0.5, 0, 0], // M100 = Re A10
  [0, 0, 0.5, 0], // M101 = Im A10
  [0.5, 0, 0, -0.5], // M110 = Re A11
  [0, 0, 0, 0], // M111 = Im A11
].flat();

/**
 * Pauli coefficients (c0, cx, cy, cz) of H_i = (A_i + A_i†)/2.
 *
 * @param m Raw parameters M `[nQubits, 2, 2, 2]` (last axis: real, imaginary).
 * @returns `[nQubits, 4]` columns c0, cx, cy, cz.
 * @throws {RangeError} If `m` is not `[n, 2, 2, 2]`.
 *
 * @example A = [[1, 2i], [0, −1]] gives H = [[1, i], [−i, −1]] = −Y + Z
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../runtime/mod.ts";
 * import { hermitianPauliCoefficients } from "./hermitian_readout.ts";
 * await initBackend("cpu");
 * const m = tf.tensor4d([1, 0, 0, 2, 0, 0, -1, 0], [1, 2, 2, 2]);
 * assert.deepEqual(Array.from(hermitianPauliCoefficients(m).dataSync()), [0, 0, -1, 1]);
 * ```
 */
export function hermitianPauliCoefficients(m: tf.Tensor): tf.Tensor2D {
  const n = m.shape[0];
  if (m.rank !== 4 || m.shape.slice(1).some((d) => d !== 2)) {
    throw new RangeError(
      `Cannot read Hermitian parameters: expected shape [n, 2, 2, 2], got [${m.shape}]`,
    );
  }
  return tf.tidy(() =>
    tf.matMul(tf.reshape(m, [n, 8]), tf.tensor2d(M_TO_PAULI, [8, 4]))
  );
}

/**
 * q_i = ⟨ψ| H_i ⊗ I |ψ⟩ = c0 + cx⟨X_i⟩ + cy⟨Y_i⟩ + cz⟨Z_i⟩ for every sample.
 *
 * @param paulis Expectations `[B, nQubits·3]`, per qubit in the order X, Y, Z.
 * @param m Raw Hermitian parameters `[nQubits, 2, 2, 2]`.
 * @returns q `[B, nQubits]`.
 * @throws {RangeError} If the shapes disagree.
 *
 * @example |0⟩ on one qubit: q = H00
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../runtime/mod.ts";
 * import { hermitianReadout } from "./hermitian_readout.ts";
 * await initBackend("cpu");
 * const m = tf.tensor4d([0.7, 5, 1, 1, 1, 1, -2, 3], [1, 2, 2, 2]);
 * const q = hermitianReadout(tf.tensor2d([[0, 0, 1]]), m);
 * assert.ok(Math.abs(q.dataSync()[0] - 0.7) < 1e-6);
 * ```
 */
export function hermitianReadout(
  paulis: tf.Tensor2D,
  m: tf.Tensor,
): tf.Tensor2D {
  const [b, k] = paulis.shape, n = m.shape[0];
  if (k !== 3 * n) {
    throw new RangeError(
      `Cannot read out ${n} Hermitian observables: expected Pauli expectations [B, ${
        3 * n
      }], got [${paulis.shape}]`,
    );
  }
  return tf.tidy(() => {
    const coef = hermitianPauliCoefficients(m); // [n,4]
    const c0 = tf.reshape(tf.slice(coef, [0, 0], [n, 1]), [1, n]);
    const cxyz = tf.slice(coef, [0, 1], [n, 3]); // [n,3]
    const xyz = tf.reshape(paulis, [b, n, 3]);
    return tf.add(c0, tf.sum(tf.mul(xyz, cxyz), 2)) as tf.Tensor2D;
  });
}
