/**
 * Gate names, arities, parameter-shift rules and pure matrix functions.
 *
 * Conventions (../shared/bench/WORKLOADS.md): a gate acts as `ψ ← U ψ`. For a gate on wires
 * `[a, b]` the 4×4 matrix is written in the basis `|q_a q_b⟩ = |00⟩, |01⟩, |10⟩, |11⟩`, so the
 * first listed wire is the most significant bit of the local index, just as qubit 0 is the most
 * significant bit of a full basis index. A matrix is a {@linkcode ComplexMatrix}: a `Float64Array`
 * of length `2·d·d`, row-major, real and imaginary parts interleaved
 * (`m[2·(r·d + c)]` = Re U_rc, `m[2·(r·d + c) + 1]` = Im U_rc).
 *
 * @module
 */

/** Pauli X = [[0,1],[1,0]]. */
export const X = "X";
/** Pauli Y = [[0,−i],[i,0]]. */
export const Y = "Y";
/** Pauli Z = diag(1, −1). */
export const Z = "Z";
/** Hadamard H = [[1,1],[1,−1]]/√2. */
export const H = "H";
/** Phase gate S = diag(1, i). */
export const S = "S";
/** T gate = diag(1, e^{iπ/4}). */
export const T = "T";
/** RX(θ) = e^{−iθX/2} = [[cos θ/2, −i sin θ/2], [−i sin θ/2, cos θ/2]]; shift rule ±π/2, ½. */
export const RX = "RX";
/** RY(θ) = e^{−iθY/2} = [[cos θ/2, −sin θ/2], [sin θ/2, cos θ/2]]; shift rule ±π/2, ½. */
export const RY = "RY";
/** RZ(θ) = e^{−iθZ/2} = diag(e^{−iθ/2}, e^{iθ/2}); shift rule ±π/2, ½. */
export const RZ = "RZ";
/** Rot(φ, θ, ω) = RZ(ω)·RY(θ)·RZ(φ) (PennyLane order: RZ(φ) acts first); two-term rule per angle. */
export const ROT = "Rot";
/** CNOT on wires [control, target]: flips the target where the control is 1. */
export const CNOT = "CNOT";
/** CZ on wires [a, b]: multiplies by −1 the amplitudes where both qubits are 1. */
export const CZ = "CZ";
/** SWAP on wires [a, b]: exchanges the two qubits. */
export const SWAP = "SWAP";
/**
 * RBS(θ) on wires [a, b] (WORKLOADS.md; qdrop.md §1.2): in the basis |00⟩,|01⟩,|10⟩,|11⟩
 * [[1,0,0,0],[0,cos θ, sin θ,0],[0,−sin θ,cos θ,0],[0,0,0,1]], so |10⟩ → cos θ|10⟩ + sin θ|01⟩
 * (the excitation moves from a to b with amplitude sin θ). Equals PennyLane
 * `SingleExcitation(−2θ, [a, b])`. Four-term shift rule (frequencies 1 and 2).
 */
export const RBS = "RBS";
/** Any constant 1- or 2-qubit unitary, given as `Operation.matrix`. */
export const QUBIT_UNITARY = "QubitUnitary";

/** Name of a gate known to every backend. */
export type GateName =
  | typeof X
  | typeof Y
  | typeof Z
  | typeof H
  | typeof S
  | typeof T
  | typeof RX
  | typeof RY
  | typeof RZ
  | typeof ROT
  | typeof CNOT
  | typeof CZ
  | typeof SWAP
  | typeof RBS
  | typeof QUBIT_UNITARY;

/** Dense complex matrix, row-major, real/imaginary interleaved, length 2·d·d. */
export type ComplexMatrix = Float64Array;

/** One term of a parameter-shift rule: ∂f/∂θ = Σ coeff·f(θ + shift). */
export interface ShiftTerm {
  /** Multiplier of the shifted evaluation. */
  readonly coeff: number;
  /** Shift added to the angle, in radians. */
  readonly shift: number;
}

/** Static facts about a gate. */
export interface GateSpec {
  /** Number of wires the gate acts on (0 means "1 or 2", for QubitUnitary). */
  readonly nWires: number;
  /** Number of angle parameters. */
  readonly nParams: number;
  /** Exact parameter-shift rule for each angle (empty when nParams is 0). */
  readonly shiftRule: readonly ShiftTerm[];
}

const TWO_TERM: readonly ShiftTerm[] = [
  { coeff: 0.5, shift: Math.PI / 2 },
  { coeff: -0.5, shift: -Math.PI / 2 },
];

// RBS expectations hold frequencies 1 and 2 in θ; PennyLane's four-term rule for
// SingleExcitation (c± = (√2 ± 1)/(4√2) at shifts π/2, 3π/2 in φ = −2θ) rescaled to θ.
const C1 = (Math.SQRT2 + 1) / (2 * Math.SQRT2);
const C2 = (Math.SQRT2 - 1) / (2 * Math.SQRT2);
const FOUR_TERM: readonly ShiftTerm[] = [
  { coeff: C1, shift: Math.PI / 4 },
  { coeff: -C1, shift: -Math.PI / 4 },
  { coeff: -C2, shift: (3 * Math.PI) / 4 },
  { coeff: C2, shift: (-3 * Math.PI) / 4 },
];

/** Arity and shift rule of every gate, keyed by name. */
export const GATE_SPECS: Readonly<Record<GateName, GateSpec>> = {
  X: { nWires: 1, nParams: 0, shiftRule: [] },
  Y: { nWires: 1, nParams: 0, shiftRule: [] },
  Z: { nWires: 1, nParams: 0, shiftRule: [] },
  H: { nWires: 1, nParams: 0, shiftRule: [] },
  S: { nWires: 1, nParams: 0, shiftRule: [] },
  T: { nWires: 1, nParams: 0, shiftRule: [] },
  RX: { nWires: 1, nParams: 1, shiftRule: TWO_TERM },
  RY: { nWires: 1, nParams: 1, shiftRule: TWO_TERM },
  RZ: { nWires: 1, nParams: 1, shiftRule: TWO_TERM },
  Rot: { nWires: 1, nParams: 3, shiftRule: TWO_TERM },
  CNOT: { nWires: 2, nParams: 0, shiftRule: [] },
  CZ: { nWires: 2, nParams: 0, shiftRule: [] },
  SWAP: { nWires: 2, nParams: 0, shiftRule: [] },
  RBS: { nWires: 2, nParams: 1, shiftRule: FOUR_TERM },
  QubitUnitary: { nWires: 0, nParams: 0, shiftRule: [] },
};

/**
 * Whether a string names a known gate.
 *
 * @param name Candidate gate name.
 * @returns True for a key of {@linkcode GATE_SPECS}.
 *
 * @example Known and unknown names
 * ```ts
 * import assert from "node:assert/strict";
 * import { isGateName } from "./gates.ts";
 * assert.equal(isGateName("RBS"), true);
 * assert.equal(isGateName("CRX"), false);
 * ```
 */
export function isGateName(name: string): name is GateName {
  return Object.hasOwn(GATE_SPECS, name);
}

function fromReal(d: number, values: readonly number[]): ComplexMatrix {
  const m = new Float64Array(2 * d * d);
  for (let i = 0; i < d * d; i++) m[2 * i] = values[i];
  return m;
}

function fromComplex(values: readonly number[]): ComplexMatrix {
  return Float64Array.from(values);
}

/**
 * Product A·B of two square complex matrices of the same size.
 *
 * @param a Left factor, length 2·d·d.
 * @param b Right factor, length 2·d·d.
 * @returns The product, a new matrix.
 * @throws {RangeError} If the lengths differ or are not 2·d·d.
 *
 * @example Z·Z is the identity
 * ```ts
 * import assert from "node:assert/strict";
 * import { gateMatrix, matMul } from "./gates.ts";
 * const z = gateMatrix("Z", []);
 * assert.deepEqual([...matMul(z, z)], [1, 0, 0, 0, 0, 0, 1, 0]);
 * ```
 */
export function matMul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const d = Math.round(Math.sqrt(a.length / 2));
  if (a.length !== b.length || 2 * d * d !== a.length) {
    throw new RangeError(
      `Cannot multiply matrices: expected equal lengths 2·d·d, got ${a.length} and ${b.length}`,
    );
  }
  const out = new Float64Array(a.length);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let re = 0, im = 0;
      for (let k = 0; k < d; k++) {
        const ar = a[2 * (r * d + k)], ai = a[2 * (r * d + k) + 1];
        const br = b[2 * (k * d + c)], bi = b[2 * (k * d + c) + 1];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (r * d + c)] = re;
      out[2 * (r * d + c) + 1] = im;
    }
  }
  return out;
}

function rx(t: number): ComplexMatrix {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  return fromComplex([c, 0, 0, -s, 0, -s, c, 0]);
}

function ry(t: number): ComplexMatrix {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  return fromReal(2, [c, -s, s, c]);
}

function rz(t: number): ComplexMatrix {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  return fromComplex([c, -s, 0, 0, 0, 0, c, s]);
}

function rbs(t: number): ComplexMatrix {
  const c = Math.cos(t), s = Math.sin(t);
  return fromReal(4, [1, 0, 0, 0, 0, c, s, 0, 0, -s, c, 0, 0, 0, 0, 1]);
}

const R = Math.SQRT1_2;
const CONSTANT_MATRICES: Readonly<Record<string, readonly number[]>> = {
  X: [0, 0, 1, 0, 1, 0, 0, 0],
  Y: [0, 0, 0, -1, 0, 1, 0, 0],
  Z: [1, 0, 0, 0, 0, 0, -1, 0],
  H: [R, 0, R, 0, R, 0, -R, 0],
  S: [1, 0, 0, 0, 0, 0, 0, 1],
  T: [1, 0, 0, 0, 0, 0, R, R],
};

const CONSTANT_REAL_4: Readonly<Record<string, readonly number[]>> = {
  CNOT: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0],
  CZ: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1],
  SWAP: [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1],
};

function checkParams(gate: GateName, params: ArrayLike<number>): void {
  const expected = GATE_SPECS[gate].nParams;
  if (params.length !== expected) {
    throw new RangeError(
      `Cannot build ${gate} matrix: expected ${expected} angles, got ${params.length}`,
    );
  }
}

/**
 * Matrix of a gate at the given angles (pure; see the module doc for the layout).
 *
 * @param gate Gate name (not QubitUnitary, whose matrix is data).
 * @param params Angles in radians, `GATE_SPECS[gate].nParams` of them.
 * @returns A new complex matrix, 2×2 or 4×4.
 * @throws {RangeError} If the number of angles is wrong.
 * @throws {TypeError} If the gate is QubitUnitary or unknown.
 *
 * @example RY(π) maps |0⟩ to |1⟩ and RBS is a Givens rotation
 * ```ts
 * import assert from "node:assert/strict";
 * import { gateMatrix } from "./gates.ts";
 * const ry = gateMatrix("RY", [Math.PI]);
 * assert.ok(Math.abs(ry[4] - 1) < 1e-15); // Re U_10 = sin(π/2)
 * const rbs = gateMatrix("RBS", [0.3]);
 * assert.equal(rbs[2 * (1 * 4 + 2)], Math.sin(0.3)); // U_{|01⟩,|10⟩} = sin θ
 * ```
 */
export function gateMatrix(
  gate: GateName,
  params: ArrayLike<number>,
): ComplexMatrix {
  checkParams(gate, params);
  switch (gate) {
    case RX:
      return rx(params[0]);
    case RY:
      return ry(params[0]);
    case RZ:
      return rz(params[0]);
    case ROT:
      return matMul(rz(params[2]), matMul(ry(params[1]), rz(params[0])));
    case RBS:
      return rbs(params[0]);
    case QUBIT_UNITARY:
      throw new TypeError(
        "Cannot build QubitUnitary matrix: the matrix is given as Operation.matrix",
      );
  }
  if (gate in CONSTANT_MATRICES) return fromComplex(CONSTANT_MATRICES[gate]);
  if (gate in CONSTANT_REAL_4) return fromReal(4, CONSTANT_REAL_4[gate]);
  throw new TypeError(`Cannot build gate matrix: unknown gate "${gate}"`);
}

/**
 * Derivative ∂U/∂θ_k of a parametrized gate's matrix with respect to its k-th angle.
 *
 * Uses dR(θ)/dθ = ½·R(θ + π) for RX, RY, RZ (R(π) = −iσ), the product rule for Rot, and for
 * RBS the Givens rotation by θ + π/2 on the |01⟩,|10⟩ block with zeros on |00⟩ and |11⟩.
 *
 * @param gate Parametrized gate name.
 * @param params Angles in radians.
 * @param k Index of the angle to differentiate by.
 * @returns A new complex matrix of the same size as the gate's.
 * @throws {RangeError} If k is not an angle index of the gate.
 *
 * @example d RY/dθ at θ = 0 is −iY/2
 * ```ts
 * import assert from "node:assert/strict";
 * import { gateMatrixDerivative } from "./gates.ts";
 * const d = gateMatrixDerivative("RY", [0], 0);
 * const want = [0, 0, -0.5, 0, 0.5, 0, 0, 0];
 * assert.ok(want.every((v, i) => Math.abs(d[i] - v) < 1e-15));
 * ```
 */
export function gateMatrixDerivative(
  gate: GateName,
  params: ArrayLike<number>,
  k: number,
): ComplexMatrix {
  checkParams(gate, params);
  if (!(Number.isInteger(k) && k >= 0 && k < params.length)) {
    throw new RangeError(
      `Cannot differentiate ${gate}: expected angle index in [0, ${params.length}), got ${k}`,
    );
  }
  const half = (m: ComplexMatrix) => m.map((v) => v / 2);
  switch (gate) {
    case RX:
      return half(rx(params[0] + Math.PI));
    case RY:
      return half(ry(params[0] + Math.PI));
    case RZ:
      return half(rz(params[0] + Math.PI));
    case ROT: {
      const [phi, theta, omega] = [params[0], params[1], params[2]];
      const a = k === 2 ? half(rz(omega + Math.PI)) : rz(omega);
      const b = k === 1 ? half(ry(theta + Math.PI)) : ry(theta);
      const c = k === 0 ? half(rz(phi + Math.PI)) : rz(phi);
      return matMul(a, matMul(b, c));
    }
    case RBS: {
      const m = rbs(params[0] + Math.PI / 2);
      m[0] = 0;
      m[30] = 0;
      return m;
    }
  }
  throw new TypeError(`Cannot differentiate gate "${gate}": it has no angles`);
}
