// Shared by the WebGPU tests: the device (or the reason it is absent), tolerances, a random
// circuit of every gate type, and a float64 finite-difference gradient of the dense reference.

import {
  type Circuit,
  constParam,
  createCircuit,
  inputParam,
  type Observable,
  type Operation,
  type Param,
  weightParam,
} from "../../../lib/quantum/circuit.ts";
import type { GateName } from "../../../lib/quantum/gates.ts";
import { createRng, type Rng } from "../../../lib/runtime/mod.ts";
import {
  createWebgpuSimulator,
  requestWebgpu,
} from "../../../lib/quantum/webgpu/mod.ts";
import { denseOutputs } from "../_dense_reference.ts";

/** Agreement tolerance of float32 WebGPU results against float64 truths. */
export const ATOL = 1e-5;

let reason = "";
/** The shared context, or null (then every WebGPU test is ignored with the printed reason). */
export const context = await requestWebgpu({
  onUnavailable: (r) => (reason = r),
});
if (!context) console.log(`WebGPU tests skipped: ${reason}`);
/** True where the WebGPU tests cannot run. */
export const noWebgpu = context === null;

/** Largest absolute difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`Length mismatch: ${a.length} vs ${b.length}`);
  }
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A random 2^k × 2^k unitary (Gram–Schmidt of a random complex matrix), interleaved. */
export function randomUnitary(rng: Rng, k: number): Float64Array {
  const d = 2 ** k, m = new Float64Array(2 * d * d);
  for (let i = 0; i < m.length; i++) m[i] = rng.normal();
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let re = 0, im = 0; // ⟨col p, col c⟩
      for (let r = 0; r < d; r++) {
        const a = 2 * (r * d + p), b = 2 * (r * d + c);
        re += m[a] * m[b] + m[a + 1] * m[b + 1];
        im += m[a] * m[b + 1] - m[a + 1] * m[b];
      }
      for (let r = 0; r < d; r++) {
        const a = 2 * (r * d + p), b = 2 * (r * d + c);
        m[b] -= re * m[a] - im * m[a + 1];
        m[b + 1] -= re * m[a + 1] + im * m[a];
      }
    }
    let norm = 0;
    for (let r = 0; r < d; r++) {
      norm += m[2 * (r * d + c)] ** 2 + m[2 * (r * d + c) + 1] ** 2;
    }
    for (let r = 0; r < d; r++) {
      m[2 * (r * d + c)] /= Math.sqrt(norm);
      m[2 * (r * d + c) + 1] /= Math.sqrt(norm);
    }
  }
  return m;
}

const ONE_QUBIT: GateName[] = [
  "X",
  "Y",
  "Z",
  "H",
  "S",
  "T",
  "RX",
  "RY",
  "RZ",
  "Rot",
];
const TWO_QUBIT: GateName[] = ["CNOT", "CZ", "SWAP", "RBS"];
const N_PARAMS: Partial<Record<GateName, number>> = {
  RX: 1,
  RY: 1,
  RZ: 1,
  Rot: 3,
  RBS: 1,
};

/**
 * A random circuit using every gate (each at least once), weight, input and constant angles,
 * Pauli, probabilities and Hermitian observables; amplitude-encoded when `amplitude` is set.
 */
export function randomCircuit(
  seed: number,
  { nQubits = 3, nOps = 40, amplitude = false }: {
    nQubits?: number;
    nOps?: number;
    amplitude?: boolean;
  } = {},
): Circuit {
  const rng = createRng(seed);
  const nInputs = 3;
  let nWeights = 0;
  const param = (): Param => {
    const u = rng.next();
    if (u < 0.5) {
      return weightParam(nWeights++, {
        scale: u < 0.25 ? 1 : 0.5 + rng.next(),
      });
    }
    if (u < 0.8) {
      return inputParam(rng.int(nInputs), { scale: 0.5 + rng.next() });
    }
    return constParam(rng.normal());
  };
  const wires = (k: number) =>
    Array.from(rng.permutation(nQubits).subarray(0, k));
  const gates = [...ONE_QUBIT, ...TWO_QUBIT, "QubitUnitary" as const];
  const ops: Operation[] = [];
  for (let i = 0; i < nOps; i++) {
    const gate: GateName = i < gates.length
      ? gates[i]
      : gates[rng.int(gates.length)];
    if (gate === "QubitUnitary") {
      const k = 1 + rng.int(2);
      ops.push({
        gate,
        wires: wires(k),
        params: [],
        matrix: randomUnitary(rng, k),
      });
      continue;
    }
    const k = TWO_QUBIT.includes(gate) ? 2 : 1;
    ops.push({
      gate,
      wires: wires(k),
      params: Array.from({ length: N_PARAMS[gate] ?? 0 }, param),
    });
  }
  rng.shuffle(ops);
  const observables: Observable[] = [
    { kind: "pauli", wires: [0], paulis: ["Z"] },
    { kind: "pauli", wires: wires(2), paulis: ["X", "Y"] },
    { kind: "pauli", wires: wires(3), paulis: ["Y", "Z", "X"] },
    { kind: "probs", wires: wires(2) },
    {
      kind: "hermitian",
      wire: rng.int(nQubits),
      params: [param(), param(), param(), param()],
    },
  ];
  return createCircuit({
    nQubits,
    ops,
    observables,
    init: amplitude
      ? { kind: "amplitude", nFeatures: 2 ** nQubits - 1 }
      : { kind: "zero" },
    nInputs: amplitude ? 2 ** nQubits - 1 : nInputs,
  });
}

/** Float64 outputs [B, O] of the dense reference. */
export function referenceOutputs(
  circuit: Circuit,
  weights: ArrayLike<number>,
  inputs: ArrayLike<number>,
  batch: number,
): Float64Array {
  const f = circuit.nInputs, rows: number[] = [];
  for (let s = 0; s < batch; s++) {
    const x = Array.from({ length: f }, (_, j) => inputs[s * f + j]);
    rows.push(...denseOutputs(circuit, weights, x));
  }
  return Float64Array.from(rows);
}

/** Central finite differences (h = 1e-6, float64) of L = Σ dOut ⊙ out w.r.t. weights and inputs. */
export function referenceGradients(
  circuit: Circuit,
  run: { weights: ArrayLike<number>; inputs: ArrayLike<number>; batch: number },
  dOut: ArrayLike<number>,
): { dWeights: Float64Array; dInputs: Float64Array } {
  const h = 1e-6;
  const loss = (w: ArrayLike<number>, x: ArrayLike<number>) => {
    const out = referenceOutputs(circuit, w, x, run.batch);
    let l = 0;
    for (let i = 0; i < out.length; i++) l += dOut[i] * out[i];
    return l;
  };
  const diff = (v: ArrayLike<number>, at: (p: Float64Array) => number) =>
    Float64Array.from({ length: v.length }, (_, k) => {
      const p = Float64Array.from(v), m = Float64Array.from(v);
      p[k] += h;
      m[k] -= h;
      return (at(p) - at(m)) / (2 * h);
    });
  return {
    dWeights: diff(run.weights, (w) => loss(w, run.inputs)),
    dInputs: diff(run.inputs, (x) => loss(run.weights, x)),
  };
}

/** Uniform values in [−1, 1) from a seeded stream. */
export function uniforms(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => 2 * rng.next() - 1);
}

/** Build a simulator, run vjp once (dOut defaults to ones), destroy it. */
export async function runOnce(
  circuit: Circuit,
  { weights = [], inputs = [], batch = 1, dOut }: {
    weights?: ArrayLike<number>;
    inputs?: ArrayLike<number>;
    batch?: number;
    dOut?: ArrayLike<number>;
  } = {},
): Promise<
  { out: Float32Array; dWeights: Float32Array; dInputs: Float32Array }
> {
  const sim = await createWebgpuSimulator(circuit, {
    context: context!,
    batch,
  });
  try {
    const ones = new Float32Array(batch * sim.nOut).fill(1);
    return await sim.vjp({ weights, inputs }, { dOut: dOut ?? ones });
  } finally {
    sim.destroy();
  }
}
