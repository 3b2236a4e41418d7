/**
 * Amplitude encoding: the first F features of a sample, divided by their L2 norm and zero-padded
 * to 2^n, become the initial state (PennyLane `qml.AmplitudeEmbedding(normalize=True,
 * pad_with=0)`). It is an initial state, not a gate, so backends load it directly.
 *
 * @module
 */

import type { InitialState } from "../circuit.ts";

/**
 * Initial state for amplitude encoding of F features on n qubits.
 *
 * @param nFeatures Number of features F (F ≤ 2^n).
 * @param options Number of qubits n.
 * @returns The initial-state descriptor for createCircuit.
 * @throws {RangeError} If F is not in [1, 2^n].
 *
 * @example Twelve features on four qubits are padded with four zeros
 * ```ts
 * import assert from "node:assert/strict";
 * import { amplitudeEncoding } from "./amplitude_encoding.ts";
 * assert.deepEqual(amplitudeEncoding(12, { nQubits: 4 }), { kind: "amplitude", nFeatures: 12 });
 * ```
 */
export function amplitudeEncoding(
  nFeatures: number,
  { nQubits }: {
    /** Number of qubits n. */
    nQubits: number;
  },
): InitialState {
  if (
    !(Number.isInteger(nFeatures) && nFeatures >= 1 &&
      nFeatures <= 2 ** nQubits)
  ) {
    throw new RangeError(
      `Cannot amplitude-encode: features expected in [1, ${
        2 ** nQubits
      }] for ${nQubits} qubits, got ${nFeatures}`,
    );
  }
  return { kind: "amplitude", nFeatures };
}
