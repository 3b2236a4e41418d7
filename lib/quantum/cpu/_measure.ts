// Observables on the batched CPU state: expectations and the adjoint seed λ = M ψ with
// M = Σ_o g_o O_o. A Pauli string P maps |i⟩ to i^{nY}·(−1)^{popcount(i & (Y|Z))}·|i ⊕ (X|Y)⟩.

import type { Observable, Param } from "../circuit.ts";
import type { CpuState } from "./_kernel.ts";

/** Angle or coefficient of a parameter for sample b. */
export function paramValue(
  p: Param,
  weights: ArrayLike<number>,
  inputs: ArrayLike<number>,
  nInputs: number,
  b: number,
): number {
  if (p.kind === "const") return p.value;
  return p.scale *
    (p.kind === "weight" ? weights[p.index] : inputs[b * nInputs + p.index]);
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

interface PauliMasks {
  flip: number;
  phaseMask: number;
  phr: number; // Re i^{nY}
  phi: number; // Im i^{nY}
}

function pauliMasks(
  n: number,
  wires: readonly number[],
  paulis: readonly string[],
): PauliMasks {
  let flip = 0, phaseMask = 0, nY = 0;
  wires.forEach((w, k) => {
    const bit = 1 << (n - 1 - w);
    if (paulis[k] !== "Z") flip |= bit;
    if (paulis[k] !== "X") phaseMask |= bit;
    if (paulis[k] === "Y") nY++;
  });
  const ph = [[1, 0], [0, 1], [-1, 0], [0, -1]][nY % 4];
  return { flip, phaseMask, phr: ph[0], phi: ph[1] };
}

/** Σ_i conj(ψ_{i⊕f})·ph(i)·ψ_i into e[b] (real part), or λ_{i⊕f} += g[b]·ph(i)·ψ_i if seed. */
function pauliPass(
  st: CpuState,
  m: PauliMasks,
  e: Float64Array,
  seed: boolean,
): void {
  const { re, im, nb, dim } = st;
  for (let i = 0; i < dim; i++) {
    const sgn = popcount(i & m.phaseMask) & 1 ? -1 : 1;
    const pr = sgn * m.phr, pi = sgn * m.phi;
    const o = i * nb, oj = (i ^ m.flip) * nb;
    for (let b = 0; b < nb; b++) {
      const zr = pr * re[o + b] - pi * im[o + b],
        zi = pr * im[o + b] + pi * re[o + b];
      if (seed) {
        st.lre[oj + b] += e[b] * zr;
        st.lim[oj + b] += e[b] * zi;
      } else e[b] += re[oj + b] * zr + im[oj + b] * zi;
    }
  }
}

/** Per-sample (a, b, c, d) of a Hermitian observable H = [[a, c − id], [c + id, b]]. */
function hermitianCoefs(
  o: Observable & { kind: "hermitian" },
  weights: ArrayLike<number>,
  inputs: ArrayLike<number>,
  nInputs: number,
  b: number,
): [number, number, number, number] {
  const v = o.params.map((p) => paramValue(p, weights, inputs, nInputs, b));
  return [v[0], v[1], v[2], v[3]];
}

/**
 * Outputs [B, nOut] and, when seed is given ([B, nOut] cotangents), λ += Σ g·O ψ plus the
 * gradients of Hermitian coefficients (∂⟨H⟩/∂(a,b,c,d) = P0, P1, ⟨X⟩, ⟨Y⟩).
 */
export function measure(
  st: CpuState,
  observables: readonly Observable[],
  ctx: {
    weights: ArrayLike<number>;
    inputs: ArrayLike<number>;
    nInputs: number;
    out: Float64Array;
    nOut: number;
    dOut?: ArrayLike<number>;
    onCoefGrad?: (p: Param, b: number, g: number) => void;
  },
): void {
  const { re, im, n, nb, dim } = st;
  const { out, nOut, dOut } = ctx;
  const e = new Float64Array(nb);
  let col = 0;
  for (const o of observables) {
    if (o.kind === "probs") {
      const k = o.wires.length;
      for (let i = 0; i < dim; i++) {
        let idx = 0;
        for (const w of o.wires) idx = (idx << 1) | ((i >> (n - 1 - w)) & 1);
        const oc = col + idx, base = i * nb;
        for (let b = 0; b < nb; b++) {
          const r = re[base + b], m = im[base + b];
          out[b * nOut + oc] += r * r + m * m;
          if (dOut) {
            st.lre[base + b] += dOut[b * nOut + oc] * r;
            st.lim[base + b] += dOut[b * nOut + oc] * m;
          }
        }
      }
      col += 1 << k;
      continue;
    }
    if (o.kind === "pauli") {
      const masks = pauliMasks(n, o.wires, o.paulis);
      e.fill(0);
      pauliPass(st, masks, e, false);
      for (let b = 0; b < nb; b++) out[b * nOut + col] = e[b];
      if (dOut) {
        for (let b = 0; b < nb; b++) e[b] = dOut[b * nOut + col];
        pauliPass(st, masks, e, true);
      }
    } else {
      // ⟨H⟩ = a·P0 + b·P1 + c·⟨X⟩ + d·⟨Y⟩ on the wire
      const parts = ["Z", "X", "Y"].map((p) => {
        const v = new Float64Array(nb);
        pauliPass(st, pauliMasks(n, [o.wire], [p]), v, false);
        return v;
      });
      for (let b = 0; b < nb; b++) {
        const [ca, cb, cc, cd] = hermitianCoefs(
          o,
          ctx.weights,
          ctx.inputs,
          ctx.nInputs,
          b,
        );
        const p0 = (1 + parts[0][b]) / 2, p1 = (1 - parts[0][b]) / 2;
        out[b * nOut + col] = ca * p0 + cb * p1 + cc * parts[1][b] +
          cd * parts[2][b];
        if (dOut && ctx.onCoefGrad) {
          const g = dOut[b * nOut + col];
          const grads = [p0, p1, parts[1][b], parts[2][b]];
          o.params.forEach((p, k) => ctx.onCoefGrad!(p, b, g * grads[k]));
        }
      }
      if (dOut) {
        // λ += g·H ψ with H = ((a+b)/2)·I + ((a−b)/2)·Z + c·X + d·Y
        const coef = ["I", "Z", "X", "Y"].map(() => new Float64Array(nb));
        for (let b = 0; b < nb; b++) {
          const [ca, cb, cc, cd] = hermitianCoefs(
            o,
            ctx.weights,
            ctx.inputs,
            ctx.nInputs,
            b,
          );
          const g = dOut[b * nOut + col];
          coef[0][b] = (g * (ca + cb)) / 2;
          coef[1][b] = (g * (ca - cb)) / 2;
          coef[2][b] = g * cc;
          coef[3][b] = g * cd;
        }
        pauliPass(st, pauliMasks(n, [], []), coef[0], true);
        pauliPass(st, pauliMasks(n, [o.wire], ["Z"]), coef[1], true);
        pauliPass(st, pauliMasks(n, [o.wire], ["X"]), coef[2], true);
        pauliPass(st, pauliMasks(n, [o.wire], ["Y"]), coef[3], true);
      }
    }
    col += 1;
  }
}
