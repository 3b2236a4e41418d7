/**
 * Measured rows as the GPU sees them: a list of groups, each a Pauli string (one row) or the
 * probabilities of the bit strings of some wires (2^k rows). Encoded into the `meas` buffer as
 * a header record (`meas[0]` = number of groups) followed by one record of MEAS_WORDS words per
 * group: `[kind, rowBase, flip, yz, phase, k, pos_0, …, pos_{k−1}]`.
 *
 * A Pauli string P = ⊗ σ acts as P|j⟩ = i^{nY}·(−1)^{popcount(j & yz)}·|j ⊕ flip⟩, where
 * `flip` has the bits of its X and Y factors and `yz` those of its Y and Z factors.
 *
 * @module
 */

import { MAX_PROBS_WIRES, MEAS_WORDS } from "./_wgsl.ts";

/** One Pauli-string row. */
export interface PauliGroup {
  /** Discriminant. */
  readonly kind: "pauli";
  /** Bit mask of the X and Y factors. */
  readonly flip: number;
  /** Bit mask of the Y and Z factors. */
  readonly yz: number;
  /** Number of Y factors (the phase is i^nY). */
  readonly nY: number;
}

/** Probabilities of the 2^k bit strings of `bits` (bit positions, first = most significant). */
export interface ProbsGroup {
  /** Discriminant. */
  readonly kind: "probs";
  /** Bit positions (n − 1 − wire) in output order. */
  readonly bits: readonly number[];
}

/** A measured group. */
export type MeasureGroup = PauliGroup | ProbsGroup;

/**
 * Rows a group contributes.
 *
 * @param group The group.
 * @returns 1 for a Pauli string, 2^k for probabilities over k wires.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupRows } from "./_measure_groups.ts";
 * assert.equal(groupRows({ kind: "probs", bits: [2, 0] }), 4);
 * ```
 */
export function groupRows(group: MeasureGroup): number {
  return group.kind === "pauli" ? 1 : 2 ** group.bits.length;
}

/**
 * Encode groups into the `meas` buffer layout.
 *
 * @param groups Groups in row order.
 * @returns The words, `(groups.length + 1)·MEAS_WORDS` long.
 * @throws {RangeError} If a probabilities group has more than MAX_PROBS_WIRES wires.
 *
 * @example A ⟨Z⟩ row then probabilities over one wire
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeMeasureGroups } from "./_measure_groups.ts";
 * const w = encodeMeasureGroups([
 *   { kind: "pauli", flip: 0, yz: 2, nY: 0 },
 *   { kind: "probs", bits: [1] },
 * ]);
 * assert.deepEqual([w[0], ...w.subarray(32, 36), ...w.subarray(64, 71)], [2, 0, 0, 0, 2, 1, 1, 0, 0, 0, 1, 1]);
 * ```
 */
export function encodeMeasureGroups(
  groups: readonly MeasureGroup[],
): Uint32Array<ArrayBuffer> {
  const words = new Uint32Array((groups.length + 1) * MEAS_WORDS);
  words[0] = groups.length;
  let rowBase = 0;
  groups.forEach((g, i) => {
    const r = (i + 1) * MEAS_WORDS;
    words[r + 1] = rowBase;
    if (g.kind === "pauli") {
      words.set([0, rowBase, g.flip, g.yz, g.nY % 4, 0], r);
    } else {
      if (g.bits.length > MAX_PROBS_WIRES) {
        throw new RangeError(
          `Cannot measure probabilities on the WebGPU backend: expected at most ${MAX_PROBS_WIRES} wires, got ${g.bits.length}`,
        );
      }
      words.set([1, rowBase, 0, 0, 0, g.bits.length, ...g.bits], r);
    }
    rowBase += groupRows(g);
  });
  return words;
}

/** WGSL helpers over the `meas` records, shared by the Measure and AdjointSeed kernels. */
export const MEASURE_WGSL = `
fn groupRecord(g: u32) -> u32 { return (g + 1u) * ${MEAS_WORDS}u; }
// Amplitude index whose group bits spell v (first bit most significant); other bits 0.
fn scatterBits(r: u32, v: u32) -> u32 {
  let k = meas[r + 5u];
  var i = 0u;
  for (var t = 0u; t < k; t++) { i |= ((v >> (k - 1u - t)) & 1u) << meas[r + 6u + t]; }
  return i;
}
// Row (within the group) of amplitude index i.
fn compressBits(r: u32, i: u32) -> u32 {
  let k = meas[r + 5u];
  var v = 0u;
  for (var t = 0u; t < k; t++) { v |= ((i >> meas[r + 6u + t]) & 1u) << (k - 1u - t); }
  return v;
}
// v · i^p
fn timesIPow(v: vec2f, p: u32) -> vec2f {
  switch p {
    case 1u: { return vec2f(-v.y, v.x); }
    case 2u: { return -v; }
    case 3u: { return vec2f(v.y, -v.x); }
    default: { return v; }
  }
}
fn paritySign(x: u32) -> f32 {
  return 1.0 - 2.0 * f32(countOneBits(x) & 1u);
}
`;
