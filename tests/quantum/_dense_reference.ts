// Naive one-sample statevector simulator used as an independent truth in tests: no batching,
// no fusion, every gate applied as a dense 2×2 or 4×4 matrix by enumerating basis indices.

import type { Circuit, Param } from "../../lib/quantum/circuit.ts";
import { gateMatrix } from "../../lib/quantum/gates.ts";

export function angleOf(
  p: Param,
  weights: ArrayLike<number>,
  x: ArrayLike<number>,
): number {
  if (p.kind === "const") return p.value;
  return p.scale * (p.kind === "weight" ? weights[p.index] : x[p.index]);
}

/** ψ (re, im) after all ops, for one sample. */
export function denseState(
  c: Circuit,
  weights: ArrayLike<number>,
  x: ArrayLike<number>,
): [Float64Array, Float64Array] {
  const n = c.nQubits, dim = 1 << n;
  let re = new Float64Array(dim), im = new Float64Array(dim);
  if (c.init.kind === "zero") re[0] = 1;
  else {
    let ss = 0;
    for (let i = 0; i < c.init.nFeatures; i++) ss += x[i] * x[i];
    for (let i = 0; i < c.init.nFeatures; i++) re[i] = x[i] / Math.sqrt(ss);
  }
  for (const op of c.ops) {
    const m = op.matrix ??
      gateMatrix(op.gate, op.params.map((p) => angleOf(p, weights, x)));
    const k = op.wires.length, d = 1 << k;
    const nre = new Float64Array(dim), nim = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      // local row index of basis state i, first wire = most significant bit
      let row = 0;
      for (const w of op.wires) row = (row << 1) | ((i >> (n - 1 - w)) & 1);
      for (let col = 0; col < d; col++) {
        let j = i;
        for (let t = 0; t < k; t++) {
          const bit = (col >> (k - 1 - t)) & 1, pos = n - 1 - op.wires[t];
          j = (j & ~(1 << pos)) | (bit << pos);
        }
        const mr = m[2 * (row * d + col)], mi = m[2 * (row * d + col) + 1];
        nre[i] += mr * re[j] - mi * im[j];
        nim[i] += mr * im[j] + mi * re[j];
      }
    }
    re = nre;
    im = nim;
  }
  return [re, im];
}

const PAULI: Record<string, number[]> = {
  X: [0, 0, 1, 0, 1, 0, 0, 0],
  Y: [0, 0, 0, -1, 0, 1, 0, 0],
  Z: [1, 0, 0, 0, 0, 0, -1, 0],
};

/** ⟨ψ| M_wire |ψ⟩ for a 2×2 complex M (interleaved), summed over a product of such factors. */
function expectProduct(
  re: Float64Array,
  im: Float64Array,
  n: number,
  factors: { wire: number; m: number[] }[],
): number {
  const dim = re.length;
  let vr = Float64Array.from(re), vi = Float64Array.from(im);
  for (const { wire, m } of factors) {
    const pos = n - 1 - wire;
    const nr = new Float64Array(dim), ni = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      const row = (i >> pos) & 1;
      for (let col = 0; col < 2; col++) {
        const j = (i & ~(1 << pos)) | (col << pos);
        const mr = m[2 * (row * 2 + col)], mi = m[2 * (row * 2 + col) + 1];
        nr[i] += mr * vr[j] - mi * vi[j];
        ni[i] += mr * vi[j] + mi * vr[j];
      }
    }
    vr = nr;
    vi = ni;
  }
  let e = 0;
  for (let i = 0; i < dim; i++) e += re[i] * vr[i] + im[i] * vi[i];
  return e;
}

/** Outputs of one sample, in observable order. */
export function denseOutputs(
  c: Circuit,
  weights: ArrayLike<number>,
  x: ArrayLike<number>,
): number[] {
  const [re, im] = denseState(c, weights, x);
  const n = c.nQubits, out: number[] = [];
  for (const o of c.observables) {
    if (o.kind === "pauli") {
      out.push(
        expectProduct(
          re,
          im,
          n,
          o.wires.map((w, k) => ({ wire: w, m: PAULI[o.paulis[k]] })),
        ),
      );
    } else if (o.kind === "hermitian") {
      const [a, b, cc, d] = o.params.map((p) => angleOf(p, weights, x));
      out.push(
        expectProduct(re, im, n, [{
          wire: o.wire,
          m: [a, 0, cc, -d, cc, d, b, 0],
        }]),
      );
    } else {
      const k = o.wires.length, probs = new Array(1 << k).fill(0);
      for (let i = 0; i < re.length; i++) {
        let idx = 0;
        for (const w of o.wires) idx = (idx << 1) | ((i >> (n - 1 - w)) & 1);
        probs[idx] += re[i] * re[i] + im[i] * im[i];
      }
      out.push(...probs);
    }
  }
  return out;
}
