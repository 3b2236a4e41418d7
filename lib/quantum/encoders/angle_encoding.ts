/**
 * Angle encoding: one rotation per wire whose angle is an input feature, R(scale·x_i) on
 * wires[i], as PennyLane's `qml.AngleEmbedding` (rotation "X" by default there; WORKLOADS.md W3
 * uses RY).
 *
 * @module
 */

import { inputParam, type Operation } from "../circuit.ts";
import { type RX, RY, type RZ } from "../gates.ts";

/** Options of {@linkcode angleEncoding}. */
export interface AngleEncodingOptions {
  /** Rotation gate. @default "RY" */
  rotation?: typeof RX | typeof RY | typeof RZ;
  /** Input column of the first feature. @default 0 */
  inputOffset?: number;
  /** Multiplier of each feature. @default 1 */
  scale?: number;
}

/**
 * Angle encoding as circuit operations: feature inputOffset + i drives wires[i].
 *
 * @param wires Wires that receive one feature each.
 * @param options Rotation, input offset and scale.
 * @returns One rotation per wire.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { angleEncoding } from "./angle_encoding.ts";
 * const ops = angleEncoding([0, 1], { rotation: "RX", inputOffset: 3 });
 * assert.deepEqual(ops.map((o) => [o.gate, o.wires[0], (o.params[0] as { index: number }).index]), [
 *   ["RX", 0, 3], ["RX", 1, 4],
 * ]);
 * ```
 */
export function angleEncoding(
  wires: readonly number[],
  { rotation = RY, inputOffset = 0, scale = 1 }: AngleEncodingOptions = {},
): Operation[] {
  return wires.map((w, i) => ({
    gate: rotation,
    wires: [w],
    params: [inputParam(inputOffset + i, { scale })],
  }));
}
