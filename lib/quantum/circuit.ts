/**
 * Circuits as data: operations whose angles refer to weights, input features or constants,
 * plus an initial state and a list of observables. Every backend consumes this one type.
 *
 * Semantics, for one sample with weight vector `w` (shared by the batch) and feature row `x`:
 * 1. Initial state: `|0…0⟩`, or for `init.kind === "amplitude"` the vector
 *    `ψ_i = x_i / ‖x_{0..F-1}‖` for `i < F = init.nFeatures` and `ψ_i = 0` otherwise.
 * 2. Each operation in order: `ψ ← U(angles) ψ` on its wires, where angle `j` is
 *    `params[j].scale · w[index]` (weight), `params[j].scale · x[index]` (input) or
 *    `params[j].value` (const). Qubit 0 is the most significant bit of a basis index.
 * 3. Outputs, concatenated in observable order (see {@linkcode Observable}).
 *
 * @module
 */

import { GATE_SPECS, type GateName, isGateName } from "./gates.ts";

/** Angle taken from the trainable weight vector: `scale · w[index]`. */
export interface WeightParam {
  /** Discriminant. */
  readonly kind: "weight";
  /** Index into the weight vector. */
  readonly index: number;
  /** Multiplier of the weight (1 unless a template says otherwise). */
  readonly scale: number;
}

/** Angle taken from the sample's features: `scale · x[index]`. */
export interface InputParam {
  /** Discriminant. */
  readonly kind: "input";
  /** Index into the feature row. */
  readonly index: number;
  /** Multiplier of the feature. */
  readonly scale: number;
}

/** Constant angle in radians. */
export interface ConstParam {
  /** Discriminant. */
  readonly kind: "const";
  /** The angle. */
  readonly value: number;
}

/** Source of one gate angle. */
export type Param = WeightParam | InputParam | ConstParam;

/** One gate application. */
export interface Operation {
  /** Gate name from gates.ts. */
  readonly gate: GateName;
  /** Wires, first wire = most significant bit of the gate's local index (CNOT: [control, target]). */
  readonly wires: readonly number[];
  /** One source per angle of the gate (`GATE_SPECS[gate].nParams`). */
  readonly params: readonly Param[];
  /** Constant matrix of a QubitUnitary (interleaved complex, row-major); absent otherwise. */
  readonly matrix?: Float64Array;
}

/** Pauli factor of a Pauli-string observable. */
export type Pauli = "X" | "Y" | "Z";

/**
 * Measured quantity. Output sizes: `pauli` 1 (⟨⊗_k P_k on wires[k]⟩), `hermitian` 1
 * (⟨H⟩ with H = [[a, c − i·d], [c + i·d, b]] on one wire, a, b, c, d from `params`, so it can
 * be trainable), `probs` 2^k (probability of each bit string of `wires`, wires[0] the most
 * significant bit).
 */
export type Observable =
  | {
    readonly kind: "pauli";
    readonly wires: readonly number[];
    readonly paulis: readonly Pauli[];
  }
  | {
    readonly kind: "hermitian";
    readonly wire: number;
    readonly params: readonly [Param, Param, Param, Param];
  }
  | { readonly kind: "probs"; readonly wires: readonly number[] };

/** Initial state of every sample. */
export type InitialState =
  | { readonly kind: "zero" }
  | { readonly kind: "amplitude"; readonly nFeatures: number };

/** A complete circuit. */
export interface Circuit {
  /** Number of qubits n (state size 2^n). */
  readonly nQubits: number;
  /** Length of the shared weight vector. */
  readonly nWeights: number;
  /** Features per sample (columns of the input matrix). */
  readonly nInputs: number;
  /** Initial state. */
  readonly init: InitialState;
  /** Gates in application order. */
  readonly ops: readonly Operation[];
  /** Observables in output order. */
  readonly observables: readonly Observable[];
}

/**
 * Angle source referring to a trainable weight.
 *
 * @param index Index into the weight vector.
 * @param options Optional multiplier.
 * @returns The parameter reference.
 *
 * @example A doubled weight
 * ```ts
 * import assert from "node:assert/strict";
 * import { weightParam } from "./circuit.ts";
 * assert.deepEqual(weightParam(3, { scale: 2 }), { kind: "weight", index: 3, scale: 2 });
 * ```
 */
export function weightParam(
  index: number,
  { scale = 1 }: { scale?: number } = {},
): WeightParam {
  return { kind: "weight", index, scale };
}

/**
 * Angle source referring to an input feature.
 *
 * @param index Feature column.
 * @param options Optional multiplier.
 * @returns The parameter reference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inputParam } from "./circuit.ts";
 * assert.equal(inputParam(0).kind, "input");
 * ```
 */
export function inputParam(
  index: number,
  { scale = 1 }: { scale?: number } = {},
): InputParam {
  return { kind: "input", index, scale };
}

/**
 * Constant angle.
 *
 * @param value Angle in radians.
 * @returns The parameter reference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { constParam } from "./circuit.ts";
 * assert.equal(constParam(0.5).value, 0.5);
 * ```
 */
export function constParam(value: number): ConstParam {
  return { kind: "const", value };
}

/**
 * Number of outputs one observable contributes.
 *
 * @param observable The observable.
 * @returns 1, or 2^k for probabilities over k wires.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { observableSize } from "./circuit.ts";
 * assert.equal(observableSize({ kind: "probs", wires: [0, 2] }), 4);
 * ```
 */
export function observableSize(observable: Observable): number {
  return observable.kind === "probs" ? 1 << observable.wires.length : 1;
}

/**
 * Number of outputs per sample of a circuit.
 *
 * @param circuit The circuit.
 * @returns Sum of the observables' sizes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit, outputSize } from "./circuit.ts";
 * const c = createCircuit({ nQubits: 2, ops: [], observables: [{ kind: "probs", wires: [0, 1] }] });
 * assert.equal(outputSize(c), 4);
 * ```
 */
export function outputSize(circuit: Circuit): number {
  let total = 0;
  for (const o of circuit.observables) total += observableSize(o);
  return total;
}

/** Options of {@linkcode createCircuit}. */
export interface CreateCircuitOptions {
  /** Number of qubits. */
  nQubits: number;
  /** Gates in order. */
  ops: readonly Operation[];
  /** Observables in output order. */
  observables: readonly Observable[];
  /** Initial state. @default {kind: "zero"} */
  init?: InitialState;
  /** Weight-vector length. @default 1 + the largest weight index used (0 if none) */
  nWeights?: number;
  /** Features per sample. @default 1 + the largest input index used, or init.nFeatures */
  nInputs?: number;
}

function checkWire(wire: number, nQubits: number, where: string): void {
  if (!(Number.isInteger(wire) && wire >= 0 && wire < nQubits)) {
    throw new RangeError(
      `Invalid circuit: ${where} wire expected an integer in [0, ${nQubits}), got ${wire}`,
    );
  }
}

function maxIndex(params: readonly Param[], kind: "weight" | "input"): number {
  let m = -1;
  for (const p of params) if (p.kind === kind) m = Math.max(m, p.index);
  return m;
}

/**
 * Validated circuit from operations and observables (infers nWeights and nInputs).
 *
 * @param options Circuit parts; see {@linkcode CreateCircuitOptions}.
 * @returns The circuit, a plain object.
 * @throws {TypeError} On an unknown gate name.
 * @throws {RangeError} On a wire out of range, repeated wires, a wrong number of angles, a
 * parameter index out of range, or a QubitUnitary matrix of the wrong size.
 *
 * @example A Bell circuit with one ZZ observable
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit } from "./circuit.ts";
 * const bell = createCircuit({
 *   nQubits: 2,
 *   ops: [{ gate: "H", wires: [0], params: [] }, { gate: "CNOT", wires: [0, 1], params: [] }],
 *   observables: [{ kind: "pauli", wires: [0, 1], paulis: ["Z", "Z"] }],
 * });
 * assert.equal(bell.nWeights, 0);
 * assert.throws(
 *   () => createCircuit({ nQubits: 1, ops: [{ gate: "CZ", wires: [0, 1], params: [] }], observables: [] }),
 *   /Invalid circuit: op 0 \(CZ\) wire expected an integer in \[0, 1\), got 1/,
 * );
 * ```
 */
export function createCircuit(options: CreateCircuitOptions): Circuit {
  const { nQubits, ops, observables, init = { kind: "zero" } } = options;
  if (!(Number.isInteger(nQubits) && nQubits >= 1 && nQubits <= 30)) {
    throw new RangeError(
      `Invalid circuit: nQubits expected an integer in [1, 30], got ${nQubits}`,
    );
  }
  let maxW = -1, maxX = init.kind === "amplitude" ? init.nFeatures - 1 : -1;
  if (
    init.kind === "amplitude" &&
    !(init.nFeatures >= 1 && init.nFeatures <= 2 ** nQubits)
  ) {
    throw new RangeError(
      `Invalid circuit: init.nFeatures expected in [1, ${
        2 ** nQubits
      }], got ${init.nFeatures}`,
    );
  }
  ops.forEach((op, i) => {
    const where = `op ${i} (${op.gate})`;
    if (!isGateName(op.gate)) {
      throw new TypeError(`Invalid circuit: ${where} has an unknown gate name`);
    }
    const spec = GATE_SPECS[op.gate];
    const nWires = spec.nWires === 0 ? op.wires.length : spec.nWires;
    if (op.wires.length !== nWires || nWires < 1 || nWires > 2) {
      throw new RangeError(
        `Invalid circuit: ${where} expected ${nWires} wires, got ${op.wires.length}`,
      );
    }
    for (const w of op.wires) checkWire(w, nQubits, where);
    if (nWires === 2 && op.wires[0] === op.wires[1]) {
      throw new RangeError(
        `Invalid circuit: ${where} expected distinct wires, got ${op.wires}`,
      );
    }
    if (op.params.length !== spec.nParams) {
      throw new RangeError(
        `Invalid circuit: ${where} expected ${spec.nParams} angles, got ${op.params.length}`,
      );
    }
    if (op.gate === "QubitUnitary") {
      const len = 2 * 4 ** nWires;
      if (op.matrix?.length !== len) {
        throw new RangeError(
          `Invalid circuit: ${where} expected a matrix of length ${len}, got ${op.matrix?.length}`,
        );
      }
    }
    maxW = Math.max(maxW, maxIndex(op.params, "weight"));
    maxX = Math.max(maxX, maxIndex(op.params, "input"));
  });
  observables.forEach((o, i) => {
    const where = `observable ${i} (${o.kind})`;
    if (o.kind === "hermitian") {
      checkWire(o.wire, nQubits, where);
      maxW = Math.max(maxW, maxIndex(o.params, "weight"));
      maxX = Math.max(maxX, maxIndex(o.params, "input"));
      return;
    }
    for (const w of o.wires) checkWire(w, nQubits, where);
    if (new Set(o.wires).size !== o.wires.length) {
      throw new RangeError(
        `Invalid circuit: ${where} expected distinct wires, got ${o.wires}`,
      );
    }
    if (o.kind === "pauli" && o.paulis.length !== o.wires.length) {
      throw new RangeError(
        `Invalid circuit: ${where} expected ${o.wires.length} Pauli factors, got ${o.paulis.length}`,
      );
    }
  });
  const nWeights = options.nWeights ?? maxW + 1;
  const nInputs = options.nInputs ?? maxX + 1;
  if (nWeights <= maxW) {
    throw new RangeError(
      `Invalid circuit: nWeights expected > ${maxW}, got ${nWeights}`,
    );
  }
  if (nInputs <= maxX) {
    throw new RangeError(
      `Invalid circuit: nInputs expected > ${maxX}, got ${nInputs}`,
    );
  }
  return { nQubits, nWeights, nInputs, init, ops, observables };
}
