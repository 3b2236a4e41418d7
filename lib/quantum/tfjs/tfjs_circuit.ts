/**
 * The tfjs-op backend: a circuit simulated with ordinary tfjs ops on real and imaginary state
 * tensors [B, 2^n], so tfjs autodiff gives gradients of any order (dataset distillation
 * differentiates through training, hence needs grad of grad; qdd.md §8). It runs the same fused
 * steps as the CPU backend (one 2×2 block per run of one-qubit gates, one signed permutation per
 * run of CNOT/CZ/SWAP). A gate becomes coefficient rows times basis permutations of the state,
 * the permutations as matMul with constant 2^n × 2^n matrices: fast on every tfjs backend for
 * small circuits (n ≤ 8), but memory grows as 4^n.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Circuit, Observable, Param } from "../circuit.ts";
import { compileSteps, type Step } from "../_program.ts";

type T = tf.Tensor | number;
/** Complex entry; plain-number parts are folded so constant zeros cost nothing. */
interface C {
  re: T;
  im: T;
}
interface Amp {
  re: tf.Tensor;
  im: tf.Tensor;
}

const mul = (a: T, b: T): T => {
  if (a === 0 || b === 0) return 0;
  if (a === 1) return b;
  if (b === 1) return a;
  if (typeof a === "number" && typeof b === "number") return a * b;
  return tf.mul(a, b);
};
const add = (a: T, b: T): T => {
  if (a === 0) return b;
  if (b === 0) return a;
  if (typeof a === "number" && typeof b === "number") return a + b;
  return tf.add(a, b);
};
const neg = (a: T): T => (typeof a === "number" ? -a : tf.neg(a));
const cmul = (a: C, b: C): C => ({
  re: add(mul(a.re, b.re), neg(mul(a.im, b.im))),
  im: add(mul(a.re, b.im), mul(a.im, b.re)),
});
const cadd = (a: C, b: C): C => ({ re: add(a.re, b.re), im: add(a.im, b.im) });

/** Angle of a parameter: a number, a [1] tensor (weight) or a [B, 1, …] tensor (input). */
function angle(
  p: Param,
  weights: tf.Tensor1D,
  inputs: tf.Tensor2D,
  rank: number,
): T {
  if (p.kind === "const") return p.value;
  if (p.kind === "weight") {
    return tf.mul(p.scale, tf.slice(weights, [p.index], [1]));
  }
  const b = inputs.shape[0];
  const col = tf.reshape(tf.slice(inputs, [0, p.index], [b, 1]), [
    b,
    ...new Array(rank - 1).fill(1),
  ]);
  return tf.mul(p.scale, col);
}

const cosOf = (
  t: T,
  f: number,
): T => (typeof t === "number" ? Math.cos(f * t) : tf.cos(tf.mul(f, t)));
const sinOf = (
  t: T,
  f: number,
): T => (typeof t === "number" ? Math.sin(f * t) : tf.sin(tf.mul(f, t)));

/** 2×2 entries [U00, U01, U10, U11] of R_axis(t) = e^{−itσ/2}. */
function rotation(axis: number, t: T): C[] {
  const c = cosOf(t, 0.5),
    s = sinOf(t, 0.5),
    r = (v: T): C => ({ re: v, im: 0 });
  if (axis === 0) {
    return [r(c), { re: 0, im: neg(s) }, { re: 0, im: neg(s) }, r(c)];
  }
  if (axis === 1) return [r(c), r(neg(s)), r(s), r(c)];
  return [{ re: c, im: neg(s) }, r(0), r(0), { re: c, im: s }];
}

function constant(m: Float64Array): C[] {
  return [0, 1, 2, 3].map((k) => ({ re: m[2 * k], im: m[2 * k + 1] }));
}

// Constant index masks are built once per (n, wires) and kept across calls.
const constants = new Map<string, tf.Tensor>();
function cached(key: string, make: () => tf.Tensor): tf.Tensor {
  let t = constants.get(key);
  if (t === undefined || t.isDisposed) {
    t = tf.keep(make());
    constants.set(key, t);
  }
  return t;
}
const compiled = new WeakMap<Circuit, Step[]>();

/** ψ_{i ⊕ mask} for every i and sample: one reverse of a size-2 axis per set bit, O(B·2^n). */
function flipBits(t: tf.Tensor, n: number, mask: number): tf.Tensor {
  const b = t.shape[0];
  let out = t;
  for (let w = 0; w < n; w++) {
    if (!(mask & (1 << (n - 1 - w)))) continue;
    out = tf.reverse(tf.reshape(out, [b, 1 << w, 2, 1 << (n - 1 - w)]), 2);
  }
  return tf.reshape(out, [b, 1 << n]);
}

/**
 * ψ ← U ψ for d×d entries on `wires`: new_i = Σ_x U[r(i), r(i) ⊕ x]·ψ_{i ⊕ spread(x)} with r(i)
 * the local index of i, so each term is a coefficient row [·, 2^n] times a permuted state.
 */
function applyEntries(
  psi: Amp,
  u: C[],
  wires: readonly number[],
  n: number,
): Amp {
  const dim = 1 << n, k = wires.length, d = 1 << k;
  const bitOf = (t: number) => 1 << (n - 1 - wires[t]);
  const local = (i: number) =>
    wires.reduce((r, _, t) => (r << 1) | ((i & bitOf(t)) ? 1 : 0), 0);
  const spread = (x: number) =>
    wires.reduce((m, _, t) => ((x >> (k - 1 - t)) & 1 ? m | bitOf(t) : m), 0);
  const masks = Array.from(
    { length: d },
    (_, r) =>
      cached(`mask:${n}:${wires}:${r}`, () => {
        const m = new Float32Array(dim);
        for (let i = 0; i < dim; i++) m[i] = local(i) === r ? 1 : 0;
        return tf.tensor2d(m, [1, dim]);
      }),
  );
  let out: C = { re: 0, im: 0 };
  for (let x = 0; x < d; x++) {
    let coef: C = { re: 0, im: 0 };
    for (let r = 0; r < d; r++) {
      coef = cadd(coef, cmul(u[r * d + (r ^ x)], { re: masks[r], im: 0 }));
    }
    if (coef.re === 0 && coef.im === 0) continue;
    const mask = spread(x);
    const part: Amp = x === 0
      ? psi
      : { re: flipBits(psi.re, n, mask), im: flipBits(psi.im, n, mask) };
    out = cadd(out, cmul(coef, part));
  }
  const full = (
    v: T,
  ) => (typeof v === "number"
    ? tf.mul(v, psi.re)
    : tf.add(v, tf.zerosLike(psi.re)));
  return { re: full(out.re), im: full(out.im) };
}

function applyStep(
  psi: Amp,
  step: Step,
  n: number,
  weights: tf.Tensor1D,
  inputs: tf.Tensor2D,
): Amp {
  if (step.kind === "u1") {
    let acc: C[] = [{ re: 1, im: 0 }, { re: 0, im: 0 }, { re: 0, im: 0 }, {
      re: 1,
      im: 0,
    }];
    for (const g of step.gates) {
      const m = g.kind === "const"
        ? constant(g.matrix)
        : rotation(g.axis, angle(g.param, weights, inputs, 2));
      acc = [0, 1].flatMap((r) =>
        [0, 1].map((c) =>
          cadd(cmul(m[2 * r], acc[c]), cmul(m[2 * r + 1], acc[2 + c]))
        )
      );
    }
    return applyEntries(psi, acc, [step.wire], n);
  }
  if (step.kind === "rbs") {
    const t = angle(step.param, weights, inputs, 2);
    const c: C = { re: cosOf(t, 1), im: 0 }, s: C = { re: sinOf(t, 1), im: 0 };
    const ms: C = { re: neg(s.re), im: 0 },
      o: C = { re: 0, im: 0 },
      one: C = { re: 1, im: 0 };
    const u = [one, o, o, o, o, c, s, o, o, ms, c, o, o, o, o, one];
    return applyEntries(psi, u, step.wires, n);
  }
  if (step.kind === "u2") {
    const u = Array.from({ length: 16 }, (_, k) => ({
      re: step.matrix[2 * k],
      im: step.matrix[2 * k + 1],
    }));
    return applyEntries(psi, u, step.wires, n);
  }
  // compiled without fused permutations: CNOT/CZ/SWAP arrive as u2 steps
  throw new TypeError(
    `Cannot run tfjs circuit: unexpected step kind "${step.kind}"`,
  );
}

/** ⟨ψ|P|ψ⟩ for a Pauli string, with P|i⟩ = i^{nY}·(−1)^{popcount(i & (Y|Z))}|i ⊕ (X|Y)⟩. */
function pauliExpectation(
  psi: Amp,
  wires: readonly number[],
  paulis: readonly string[],
  n: number,
): tf.Tensor {
  const dim = 1 << n;
  let flip = 0, phaseMask = 0, nY = 0;
  wires.forEach((w, k) => {
    const bit = 1 << (n - 1 - w);
    if (paulis[k] !== "Z") flip |= bit;
    if (paulis[k] !== "X") phaseMask |= bit;
    if (paulis[k] === "Y") nY++;
  });
  const [pr, pi] = [[1, 0], [0, 1], [-1, 0], [0, -1]][nY % 4];
  const phRe = new Float32Array(dim),
    phIm = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    const i = j ^ flip; // (Pψ)_j = ph(i)·ψ_i
    let bits = i & phaseMask, parity = 0;
    while (bits) {
      parity ^= 1;
      bits &= bits - 1;
    }
    phRe[j] = parity ? -pr : pr;
    phIm[j] = parity ? -pi : pi;
  }
  const gr = flipBits(psi.re, n, flip), gi = flipBits(psi.im, n, flip);
  const key = `phase:${n}:${wires}:${paulis}`;
  const hr = cached(`${key}:re`, () => tf.tensor2d(phRe, [1, dim]));
  const zr = pi === 0 ? tf.mul(hr, gr) : tf.sub(
    tf.mul(hr, gr),
    tf.mul(cached(`${key}:im`, () => tf.tensor2d(phIm, [1, dim])), gi),
  );
  const zi = pi === 0 ? tf.mul(hr, gi) : tf.add(
    tf.mul(hr, gi),
    tf.mul(cached(`${key}:im`, () => tf.tensor2d(phIm, [1, dim])), gr),
  );
  return tf.sum(tf.add(tf.mul(psi.re, zr), tf.mul(psi.im, zi)), 1);
}

function measure(
  psi: Amp,
  o: Observable,
  n: number,
  weights: tf.Tensor1D,
  inputs: tf.Tensor2D,
): tf.Tensor[] {
  if (o.kind === "pauli") return [pauliExpectation(psi, o.wires, o.paulis, n)];
  if (o.kind === "hermitian") {
    // ⟨H⟩ = a·(1+⟨Z⟩)/2 + b·(1−⟨Z⟩)/2 + c·⟨X⟩ + d·⟨Y⟩
    const [a, b, c, d] = o.params.map((p) => {
      const v = angle(p, weights, inputs, 2);
      return typeof v === "number" ? v : tf.reshape(v, [-1]);
    });
    const [z, x, y] = ["Z", "X", "Y"].map((p) =>
      pauliExpectation(psi, [o.wire], [p], n)
    );
    const p0 = tf.div(tf.add(1, z), 2), p1 = tf.div(tf.sub(1, z), 2);
    const h = [mul(a, p0), mul(b, p1), mul(c, x), mul(d, y)].reduce(add);
    return [typeof h === "number" ? tf.fill([psi.re.shape[0]], h) : h];
  }
  const b = psi.re.shape[0], k = o.wires.length;
  const p = tf.reshape(tf.add(tf.square(psi.re), tf.square(psi.im)), [
    b,
    ...new Array(n).fill(2),
  ]);
  const rest = Array.from({ length: n }, (_, q) => q).filter((q) =>
    !o.wires.includes(q)
  );
  const perm = [0, ...o.wires.map((q) => q + 1), ...rest.map((q) => q + 1)];
  const grouped = tf.reshape(tf.transpose(p, perm), [b, 1 << k, 1 << (n - k)]);
  return tf.unstack(tf.sum(grouped, 2), 1);
}

/**
 * Outputs of a circuit computed with differentiable tfjs ops.
 *
 * @param circuit The circuit.
 * @param options Weights [P] and inputs [B, nInputs] (tensors; gradients flow to both).
 * @returns Outputs [B, nOut] in observable order.
 * @throws {RangeError} If the tensors do not match the circuit.
 *
 * @example ⟨Z⟩ after RY(θ) and its second derivative −cos θ
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs";
 * import { createCircuit, weightParam } from "../circuit.ts";
 * import { tfjsCircuit } from "./tfjs_circuit.ts";
 * await tf.setBackend("cpu");
 * const c = createCircuit({
 *   nQubits: 1,
 *   ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
 *   observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
 * });
 * const f = (w: tf.Tensor) => tf.sum(tfjsCircuit(c, { weights: w as tf.Tensor1D, inputs: tf.zeros([1, 0]) }));
 * const d2 = tf.grad((w: tf.Tensor) => tf.grad(f)(w))(tf.tensor1d([0.5]));
 * assert.ok(Math.abs(d2.dataSync()[0] + Math.cos(0.5)) < 1e-5);
 * ```
 */
export function tfjsCircuit(
  circuit: Circuit,
  { weights, inputs }: {
    /** Weights [P]. */
    weights: tf.Tensor1D;
    /** Inputs [B, nInputs]; its first dimension sets the batch. */
    inputs: tf.Tensor2D;
  },
): tf.Tensor2D {
  const n = circuit.nQubits, dim = 1 << n, b = inputs.shape[0];
  if (
    weights.shape[0] !== circuit.nWeights || inputs.shape[1] !== circuit.nInputs
  ) {
    throw new RangeError(
      `Cannot run tfjs circuit: expected weights [${circuit.nWeights}] and inputs [B, ${circuit.nInputs}], got [${weights.shape}] and [${inputs.shape}]`,
    );
  }
  let steps = compiled.get(circuit);
  if (steps === undefined) {
    steps = compileSteps(circuit, { fusePermutations: false });
    compiled.set(circuit, steps);
  }
  return tf.tidy(() => {
    let re: tf.Tensor;
    if (circuit.init.kind === "zero") {
      re = tf.concat([tf.ones([b, 1]), tf.zeros([b, dim - 1])], 1);
    } else {
      const f = circuit.init.nFeatures;
      const x = tf.slice(inputs, [0, 0], [b, f]);
      const unit = tf.div(x, tf.sqrt(tf.sum(tf.square(x), 1, true)));
      re = f < dim ? tf.concat([unit, tf.zeros([b, dim - f])], 1) : unit;
    }
    let psi: Amp = { re, im: tf.zeros([b, dim]) };
    for (const step of steps) psi = applyStep(psi, step, n, weights, inputs);
    const cols = circuit.observables.flatMap((o) =>
      measure(psi, o, n, weights, inputs)
    );
    return tf.stack(cols.map((c) => tf.reshape(c, [b])), 1) as tf.Tensor2D;
  });
}
