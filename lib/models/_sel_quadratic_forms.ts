/**
 * The quadratic forms K_P = Re(U(w)† P U(w)) of StronglyEntanglingLayers after
 * a real amplitude embedding, built from the angles w with tfjs ops so that
 * gradients (and gradients of gradients) flow into w. With ψ = U·f/‖f‖ and f
 * real, ⟨ψ|P|ψ⟩ = fᵀK_P f / fᵀf (see `_circuit_quadratic_forms.ts`, the
 * float64 reference for constant angles).
 *
 * Why: `--impl paper` trains the circuit angles, and a gate-by-gate tfjs
 * simulation of the 36 gates on every sample made one distillation step ~10×
 * dearer than the frozen circuit. U is 64×64 whatever the batch: each layer is
 * the Kronecker product of its six Rot gates times a constant CNOT
 * permutation, so U costs a few dozen small ops per forward pass and the batch
 * then takes the same two matMuls as the frozen circuit.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";

/** One-qubit Pauli observable of the forms. */
export interface PauliOnWire {
  /** Wire, 0 = most significant bit of the basis index (PennyLane). */
  wire: number;
  /** Axis. */
  axis: "X" | "Y" | "Z";
}

/** Options of {@linkcode selQuadraticForms}. */
export interface SelFormsOptions {
  /** CNOT range per layer (PennyLane's default (l mod (n−1)) + 1). */
  ranges: readonly number[];
  /** Observables, in output order. */
  observables: readonly PauliOnWire[];
}

// Constant matrices per (n, ranges, observables), built once and kept.
const constants = new Map<string, SelConstants>();

/** Index π(k) of CNOT(c → t) applied in order for i = 0…n−1, t = (i + r) mod n. */
function cnotRing(n: number, r: number): Int32Array {
  const dim = 1 << n, perm = new Int32Array(dim);
  for (let k = 0; k < dim; k++) {
    let s = k;
    // one wire: no entangler, as in the template
    for (let i = 0; i < (n > 1 ? n : 0); i++) {
      const c = 1 << (n - 1 - i), t = 1 << (n - 1 - ((i + r) % n));
      if (s & c) s ^= t;
    }
    perm[k] = s;
  }
  return perm;
}

interface SelConstants {
  /** CNOT permutation matrices P_l `[L, d, d]`. */
  perms: tf.Tensor3D;
  /** Row signs of A_p after its bit flip `[nObs, d, 1]`. */
  signs: tf.Tensor3D;
  /** Bit-flip matrices F_w stacked `[n·d, d]`. */
  flips: tf.Tensor2D;
  /** One-hot choice of each observable's candidate `[nObs, 1 + 2n]`. */
  pick: tf.Tensor2D;
}

/**
 * Z: A = diag(±1); X: A = F, the bit flip; Y: Y = i·D·F with D = +1 where
 * the bit is set. Built once per (n, ranges, observables) and kept.
 */
function constantsFor(n: number, options: SelFormsOptions): SelConstants {
  const key = `${n}:${options.ranges}:${
    options.observables.map((o) => o.axis + o.wire)
  }`;
  const hit = constants.get(key);
  if (hit !== undefined) return hit;
  const dim = 1 << n, nLayers = options.ranges.length;
  const perms = new Float32Array(nLayers * dim * dim);
  options.ranges.forEach((r, l) => {
    const p = cnotRing(n, r);
    // (P U)[π(k), :] = U[k, :]
    for (let k = 0; k < dim; k++) perms[(l * dim + p[k]) * dim + k] = 1;
  });
  const nObs = options.observables.length;
  const signs = new Float32Array(nObs * dim).fill(1);
  options.observables.forEach(({ wire, axis }, p) => {
    if (axis === "X") return;
    const bit = 1 << (n - 1 - wire);
    for (let m = 0; m < dim; m++) {
      const one = (m & bit) !== 0;
      signs[p * dim + m] = (axis === "Z") === one ? -1 : 1;
    }
  });
  const flips = new Float32Array(n * dim * dim);
  for (let w = 0; w < n; w++) {
    const bit = 1 << (n - 1 - w);
    for (let m = 0; m < dim; m++) flips[(w * dim + m) * dim + (m ^ bit)] = 1;
  }
  const pick = new Float32Array(nObs * (1 + 2 * n));
  options.observables.forEach(({ wire, axis }, p) => {
    const c = axis === "Z" ? 0 : axis === "X" ? 1 + wire : 1 + n + wire;
    pick[p * (1 + 2 * n) + c] = 1;
  });
  const made: SelConstants = {
    pick: tf.keep(tf.tensor2d(pick, [nObs, 1 + 2 * n])),
    flips: tf.keep(tf.tensor2d(flips, [n * dim, dim])),
    perms: tf.keep(tf.tensor3d(perms, [nLayers, dim, dim])),
    signs: tf.keep(tf.tensor3d(signs, [nObs, dim, 1])),
  };
  constants.set(key, made);
  return made;
}

/**
 * `[j, p·d + k] = K_p[j, k]` for U(w) of StronglyEntanglingLayers: in layer l,
 * Rot(w[l,i,0], w[l,i,1], w[l,i,2]) = RZ·RY·RZ on every wire i, then
 * CNOT(i → (i + r_l) mod n) for i = 0…n−1 (qdd.md §3 step 6).
 *
 * @param weights w `[L, n, 3]` (a tensor under a gradient tape, if wanted).
 * @param options Ranges and observables.
 * @returns `[2^n, nObs·2^n]`, the layout `fixedCircuit` of `quantum_lenet.ts` reads.
 * @throws {RangeError} If the ranges do not match the layers.
 *
 * @example One layer on one qubit, w = (0, π, 0): U = RY(π), ⟨Z⟩ = −1 for |0⟩
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { initBackend } from "../runtime/mod.ts";
 * import { selQuadraticForms } from "./_sel_quadratic_forms.ts";
 * await initBackend("cpu");
 * const k = selQuadraticForms(tf.tensor3d([0, Math.PI, 0], [1, 1, 3]), {
 *   ranges: [0], observables: [{ wire: 0, axis: "Z" }],
 * });
 * assert.ok(Math.abs(k.dataSync()[0] + 1) < 1e-6); // K[0,0] = ⟨0|U†ZU|0⟩
 * ```
 */
export function selQuadraticForms(
  weights: tf.Tensor,
  options: SelFormsOptions,
): tf.Tensor2D {
  const [L, n] = weights.shape;
  if (options.ranges.length !== L) {
    throw new RangeError(
      `Cannot build StronglyEntanglingLayers forms: expected ${L} ranges, got ${options.ranges.length}`,
    );
  }
  const dim = 1 << n;
  const consts = constantsFor(n, options);
  return tf.tidy(() => {
    // slices, not tf.unstack: wasm's Unpack is ~10× dearer here
    const angle = (k: number) =>
      tf.reshape(tf.slice(weights, [0, 0, k], [L, n, 1]), [L, n]);
    const [phi, theta, omega] = [angle(0), angle(1), angle(2)];
    const half = (t: tf.Tensor) => tf.mul(t, 0.5);
    const ha = half(tf.add(phi, omega)), hb = half(tf.sub(phi, omega));
    const c = tf.cos(half(theta)), s = tf.sin(half(theta));
    const [ca, sa, cb, sb] = [tf.cos(ha), tf.sin(ha), tf.cos(hb), tf.sin(hb)];
    // Rot = [[e^{−ia}c, −e^{ib}s], [e^{−ib}s, e^{ia}c]], a = (φ+ω)/2, b = (φ−ω)/2
    const entries = (parts: tf.Tensor[]) =>
      tf.reshape(tf.stack(parts, 2), [L, n, 2, 2]);
    const rRe = entries([
      tf.mul(c, ca),
      tf.neg(tf.mul(s, cb)),
      tf.mul(s, cb),
      tf.mul(c, ca),
    ]);
    const rIm = entries([
      tf.neg(tf.mul(c, sa)),
      tf.neg(tf.mul(s, sb)),
      tf.neg(tf.mul(s, sb)),
      tf.mul(c, sa),
    ]);
    const wire = (t: tf.Tensor, i: number) =>
      tf.reshape(tf.slice(t, [0, i, 0, 0], [L, 1, 2, 2]), [L, 1, 2, 1, 2]);
    // kron over wires, wire 0 most significant, all layers at once
    let kRe: tf.Tensor = tf.reshape(wire(rRe, 0), [L, 2, 2]);
    let kIm: tf.Tensor = tf.reshape(wire(rIm, 0), [L, 2, 2]);
    for (let i = 1; i < n; i++) {
      const d = 1 << i;
      const aRe = tf.reshape(kRe, [L, d, 1, d, 1]);
      const aIm = tf.reshape(kIm, [L, d, 1, d, 1]);
      const bRe = wire(rRe, i), bIm = wire(rIm, i);
      const out = (t: tf.Tensor) => tf.reshape(t, [L, 2 * d, 2 * d]);
      [kRe, kIm] = [
        out(tf.sub(tf.mul(aRe, bRe), tf.mul(aIm, bIm))),
        out(tf.add(tf.mul(aRe, bIm), tf.mul(aIm, bRe))),
      ];
    }
    // layer unitaries G_l = P_l·kron_l, then U = G_{L−1}⋯G_0
    const layer = (t: tf.Tensor, l: number) =>
      tf.reshape(tf.slice(t, [l, 0, 0], [1, dim, dim]), [dim, dim]);
    const pRe = tf.matMul(consts.perms, kRe),
      pIm = tf.matMul(consts.perms, kIm);
    const gRe = Array.from({ length: L }, (_, l) => layer(pRe, l));
    const gIm = Array.from({ length: L }, (_, l) => layer(pIm, l));
    let uRe = gRe[0], uIm = gIm[0];
    for (let l = 1; l < L; l++) {
      [uRe, uIm] = [
        tf.sub(tf.matMul(gRe[l], uRe), tf.matMul(gIm[l], uIm)),
        tf.add(tf.matMul(gRe[l], uIm), tf.matMul(gIm[l], uRe)),
      ];
    }
    // K_p = Re(U†A_pU) = Ũᵀ·W_p with Ũ = [Ur; Ui] and
    // W_p = [A·Ur; A·Ui] for X, Z and [−A·Ui; A·Ur] for Y (= i·A), so one
    // matMul gives every K. A_p is a bit flip (X, Y) and a row sign.
    const r = tf.concat([uRe, uIm], 1), rY = tf.concat([tf.neg(uIm), uRe], 1); // [m, 2d]
    // tfjs's wasm Reverse is slow: flip bits with constant permutation matMuls
    const flipped = (t: tf.Tensor) =>
      tf.reshape(tf.matMul(consts.flips, t as tf.Tensor2D), [n, dim * 2 * dim]);
    // candidates [r; F_0 r … F_{n−1} r; F_0 rY … F_{n−1} rY], one picked per observable
    const candidates = tf.concat([
      tf.reshape(r, [1, dim * 2 * dim]),
      flipped(r),
      flipped(rY),
    ]);
    const q = tf.mul(
      tf.reshape(tf.matMul(consts.pick, candidates), [-1, dim, 2 * dim]),
      consts.signs,
    ); // [p, m, 2d]
    const w = tf.reshape(
      tf.transpose(tf.reshape(q, [q.shape[0], dim, 2, dim]), [2, 1, 0, 3]),
      [2 * dim, q.shape[0] * dim],
    ); // [h·d + m, p·d + k]
    return tf.matMul(
      tf.concat([uRe, uIm], 0) as tf.Tensor2D,
      w as tf.Tensor2D,
      true,
      false,
    );
  });
}
