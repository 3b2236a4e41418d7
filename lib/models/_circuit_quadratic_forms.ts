/**
 * A fixed circuit after a real amplitude embedding as quadratic forms: with
 * |ψ⟩ = U·f/‖f‖ and f real, ⟨ψ|P|ψ⟩ = fᵀ K_P f / fᵀf with the real symmetric
 * K_P = Re(U† P U). When the circuit angles do not train (the published code,
 * qdd.md §7.1) every output is then two matMuls on the batch instead of a
 * gate-by-gate simulation, which is what makes second-order gradients through
 * the quantum LeNet affordable on CPU. U comes from the float64 CPU simulator.
 *
 * @module
 */

import { type Circuit, CpuSimulator } from "../quantum/mod.ts";

/**
 * K_P for every Pauli observable of `circuit`, whose initial state is an
 * amplitude embedding of exactly 2^n features.
 *
 * @param circuit Circuit with `init.kind === "amplitude"` and Pauli observables only.
 * @param weights Its weight vector.
 * @returns Row-major `[nObservables, 2^n, 2^n]`.
 */
export function circuitQuadraticForms(
  circuit: Circuit,
  weights: ArrayLike<number>,
): Float32Array {
  const n = circuit.nQubits, dim = 1 << n;
  const basis = new Float64Array(dim * dim);
  for (let k = 0; k < dim; k++) basis[k * dim + k] = 1;
  // Sample k starts in |k⟩, so its final state is column k of U.
  const sim = new CpuSimulator(circuit, { batch: dim });
  const { re, im } = sim.state({ weights, inputs: basis }); // [k, m] = U_mk
  const nObs = circuit.observables.length;
  const out = new Float32Array(nObs * dim * dim);
  const pr = new Float64Array(dim * dim), pi = new Float64Array(dim * dim);
  circuit.observables.forEach((o, p) => {
    if (o.kind !== "pauli" || o.wires.length !== 1) {
      throw new RangeError(
        `Cannot build quadratic forms: expected one-qubit Pauli observables, got ${o.kind} at ${p}`,
      );
    }
    const bit = 1 << (n - 1 - o.wires[0]), axis = o.paulis[0];
    // (P U)_mk from U: X flips bit, Y flips with phase ±i, Z signs.
    for (let k = 0; k < dim; k++) {
      for (let m = 0; m < dim; m++) {
        const one = (m & bit) !== 0;
        const src = axis === "Z" ? m : m ^ bit;
        const ur = re[k * dim + src], ui = im[k * dim + src];
        if (axis === "X") [pr[k * dim + m], pi[k * dim + m]] = [ur, ui];
        else if (axis === "Z") {
          [pr[k * dim + m], pi[k * dim + m]] = one ? [-ur, -ui] : [ur, ui];
        } else {
          // Y|0⟩ = i|1⟩, Y|1⟩ = −i|0⟩: (YU)_m = (one ? i : −i)·U_{m⊕bit}
          [pr[k * dim + m], pi[k * dim + m]] = one ? [-ui, ur] : [ui, -ur];
        }
      }
    }
    // K_jk = Re Σ_m conj(U_mj)·(PU)_mk
    for (let j = 0; j < dim; j++) {
      for (let k = 0; k < dim; k++) {
        let s = 0;
        for (let m = 0; m < dim; m++) {
          s += re[j * dim + m] * pr[k * dim + m] +
            im[j * dim + m] * pi[k * dim + m];
        }
        out[(p * dim + j) * dim + k] = s;
      }
    }
  });
  return out;
}
