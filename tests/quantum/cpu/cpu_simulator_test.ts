import assert from "node:assert/strict";
import { createRng } from "../../../lib/runtime/mod.ts";
import {
  constParam,
  CpuSimulator,
  createCircuit,
  GATE_SPECS,
  gateMatrix,
  type GateName,
  inputParam,
  type Observable,
  type Operation,
  parameterShift,
  weightParam,
} from "../../../lib/quantum/mod.ts";
import { denseOutputs, denseState } from "../_dense_reference.ts";
import { data, randomCircuit } from "../_random_circuit.ts";

function assertClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: number,
  what: string,
) {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < got.length; i++) {
    assert.ok(
      Math.abs(got[i] - want[i]) <= tol,
      `${what}[${i}]: ${got[i]} vs ${want[i]}`,
    );
  }
}

Deno.test("CpuSimulator.forward() matches the dense reference on random circuits of every gate", () => {
  for (const amplitude of [false, true]) {
    for (let seed = 1; seed <= 4; seed++) {
      const c = randomCircuit(seed, 4, amplitude), batch = 3;
      const { weights, inputs } = data(seed + 100, c, batch);
      const out = new CpuSimulator(c, { batch }).forward({ weights, inputs });
      for (let b = 0; b < batch; b++) {
        const want = denseOutputs(
          c,
          weights,
          inputs.subarray(b * c.nInputs, (b + 1) * c.nInputs),
        );
        assertClose(
          out.subarray(b * want.length, (b + 1) * want.length),
          want,
          1e-12,
          `seed ${seed} b ${b}`,
        );
      }
    }
  }
});

Deno.test("CpuSimulator.vjp() equals parameter shift and central finite differences on random circuits", () => {
  const h = 1e-6;
  for (const amplitude of [false, true]) {
    for (let seed = 1; seed <= 3; seed++) {
      const c = randomCircuit(seed, 3, amplitude), batch = 2;
      const { weights, inputs } = data(seed + 200, c, batch);
      const sim = new CpuSimulator(c, { batch });
      const rng = createRng(seed);
      const dOut = Float64Array.from(
        { length: batch * sim.nOut },
        () => rng.normal(),
      );
      const loss = (w: Float64Array, x: Float64Array) =>
        sim.forward({ weights: w, inputs: x }).reduce(
          (a, v, i) => a + v * dOut[i],
          0,
        );
      const adj = sim.vjp({ weights, inputs }, { dOut });
      const ps = parameterShift(c, { weights, inputs, dOut });
      const fdW = weights.map((_, k) => {
        const p = weights.slice(), m = weights.slice();
        p[k] += h;
        m[k] -= h;
        return (loss(p, inputs) - loss(m, inputs)) / (2 * h);
      });
      const fdX = inputs.map((_, k) => {
        const p = inputs.slice(), m = inputs.slice();
        p[k] += h;
        m[k] -= h;
        return (loss(weights, p) - loss(weights, m)) / (2 * h);
      });
      assertClose(
        adj.dWeights,
        ps.dWeights,
        1e-10,
        `adjoint vs shift, weights, seed ${seed}`,
      );
      assertClose(
        adj.dWeights,
        fdW,
        1e-7,
        `adjoint vs FD, weights, seed ${seed}`,
      );
      assertClose(
        adj.dInputs,
        fdX,
        1e-7,
        `adjoint vs FD, inputs, seed ${seed} amplitude ${amplitude}`,
      );
      if (!amplitude) {
        assertClose(
          adj.dInputs,
          ps.dInputs,
          1e-10,
          `adjoint vs shift, inputs, seed ${seed}`,
        );
      }
    }
  }
});

Deno.test("CpuSimulator.forward() in float32 agrees with float64 to 1e-5", () => {
  const c = randomCircuit(9, 5, true), batch = 4;
  const { weights, inputs } = data(9, c, batch);
  const o64 = new CpuSimulator(c, { batch }).forward({ weights, inputs });
  const o32 = new CpuSimulator(c, { batch, dtype: "float32" }).forward({
    weights,
    inputs,
  });
  assertClose(o32, o64, 1e-5, "float32");
});

Deno.test("CpuSimulator.state() preserves the norm on random circuits", () => {
  const c = randomCircuit(5, 5, false), batch = 3;
  const { re, im } = new CpuSimulator(c, { batch }).state(data(5, c, batch));
  for (let b = 0; b < batch; b++) {
    let norm = 0;
    for (let i = 0; i < 32; i++) {
      norm += re[b * 32 + i] ** 2 + im[b * 32 + i] ** 2;
    }
    assert.ok(Math.abs(norm - 1) < 1e-12, `norm ${norm}`);
  }
  const [dre] = denseState(
    c,
    data(5, c, batch).weights,
    data(5, c, batch).inputs.subarray(0, c.nInputs),
  );
  assertClose(re.subarray(0, 32), dre, 1e-12, "state vs dense");
});

Deno.test("CpuSimulator.vjp() matches the dense reference and finite differences on real-only circuits", () => {
  // Only real gates and readouts, so the real-arithmetic kernels run (cpu_simulator.ts isReal)
  const rng = createRng(21);
  const real: GateName[] = ["RY", "RBS", "CNOT", "CZ", "SWAP", "X", "Z", "H"];
  const ops: Operation[] = [];
  for (let k = 0; k < 40; k++) {
    const gate = real[k % real.length], a = rng.int(4);
    const wires = GATE_SPECS[gate].nWires === 1
      ? [a]
      : [a, (a + 1 + rng.int(3)) % 4];
    const params = GATE_SPECS[gate].nParams
      ? [rng.next() < 0.7 ? weightParam(rng.int(6)) : inputParam(rng.int(3))]
      : [];
    ops.push({ gate, wires, params });
  }
  const orthogonal = Float64Array.from([0.6, 0, 0.8, 0, -0.8, 0, 0.6, 0]);
  ops.push({
    gate: "QubitUnitary",
    wires: [2],
    params: [],
    matrix: orthogonal,
  });
  ops.push({ gate: "RY", wires: [1], params: [weightParam(0)] }, {
    gate: "RY",
    wires: [1],
    params: [inputParam(1)],
  });
  const c = createCircuit({
    nQubits: 4,
    ops,
    observables: [
      { kind: "pauli", wires: [0, 3], paulis: ["Z", "X"] },
      { kind: "pauli", wires: [1, 2], paulis: ["Y", "Y"] },
      {
        kind: "hermitian",
        wire: 2,
        params: [
          weightParam(1),
          constParam(0.3),
          weightParam(2),
          constParam(0),
        ],
      },
      { kind: "probs", wires: [3, 1] },
    ],
    init: { kind: "amplitude", nFeatures: 3 },
    nWeights: 6,
  });
  const batch = 3, h = 1e-6;
  const { weights, inputs } = data(22, c, batch);
  const sim = new CpuSimulator(c, { batch });
  const out = sim.forward({ weights, inputs });
  for (let b = 0; b < batch; b++) {
    const want = denseOutputs(
      c,
      weights,
      inputs.subarray(b * c.nInputs, (b + 1) * c.nInputs),
    );
    assertClose(
      out.subarray(b * sim.nOut, (b + 1) * sim.nOut),
      want,
      1e-12,
      `real b ${b}`,
    );
  }
  const dOut = Float64Array.from(
    { length: batch * sim.nOut },
    () => rng.normal(),
  );
  const loss = (w: Float64Array, x: Float64Array) =>
    sim.forward({ weights: w, inputs: x }).reduce(
      (a, v, i) => a + v * dOut[i],
      0,
    );
  const adj = sim.vjp({ weights, inputs }, { dOut });
  const fd = (arr: Float64Array, f: (v: Float64Array) => number) =>
    arr.map((_, k) => {
      const p = arr.slice(), m = arr.slice();
      p[k] += h;
      m[k] -= h;
      return (f(p) - f(m)) / (2 * h);
    });
  assertClose(
    adj.dWeights,
    fd(weights, (w) => loss(w, inputs)),
    1e-7,
    "real dWeights",
  );
  assertClose(
    adj.dInputs,
    fd(inputs, (x) => loss(weights, x)),
    1e-7,
    "real dInputs",
  );
});

const pauliZ = (w: number): Observable => ({
  kind: "pauli",
  wires: [w],
  paulis: ["Z"],
});

Deno.test("CpuSimulator.forward() gives cos θ for ⟨Z⟩ after RY(θ) for a batch of input angles", () => {
  const c = createCircuit({
    nQubits: 1,
    ops: [{ gate: "RY", wires: [0], params: [inputParam(0)] }],
    observables: [pauliZ(0)],
  });
  const thetas = [0, 0.3, 1.2, Math.PI, -2];
  const out = new CpuSimulator(c, { batch: 5 }).forward({ inputs: thetas });
  thetas.forEach((t, b) => assert.ok(Math.abs(out[b] - Math.cos(t)) < 1e-15));
});

Deno.test("CpuSimulator.forward() gives Bell-state correlations ⟨ZZ⟩ = ⟨XX⟩ = 1, ⟨YY⟩ = −1, ⟨Z⟩ = 0", () => {
  const pauli = (p: "X" | "Y" | "Z"): Observable => ({
    kind: "pauli",
    wires: [0, 1],
    paulis: [p, p],
  });
  const c = createCircuit({
    nQubits: 2,
    ops: [{ gate: "H", wires: [0], params: [] }, {
      gate: "CNOT",
      wires: [0, 1],
      params: [],
    }],
    observables: [pauli("Z"), pauli("X"), pauli("Y"), pauliZ(0), {
      kind: "probs",
      wires: [0, 1],
    }],
  });
  assertClose(
    new CpuSimulator(c, { batch: 1 }).forward(),
    [1, 1, -1, 0, 0.5, 0, 0, 0.5],
    1e-15,
    "bell",
  );
});

Deno.test("CpuSimulator.forward() follows the CNOT truth table with qubit 0 as the MSB", () => {
  const c = createCircuit({
    nQubits: 2,
    ops: [{ gate: "CNOT", wires: [0, 1], params: [] }],
    observables: [{ kind: "probs", wires: [0, 1] }],
    init: { kind: "amplitude", nFeatures: 4 },
  });
  const basis = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
  const out = new CpuSimulator(c, { batch: 4 }).forward({
    inputs: basis.flat(),
  });
  // |00⟩→|00⟩, |01⟩→|01⟩, |10⟩→|11⟩, |11⟩→|10⟩
  assertClose(
    out,
    [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0],
    0,
    "truth table",
  );
});

Deno.test("CpuSimulator.state() applies RBS as a Givens rotation of |10⟩ and |01⟩", () => {
  const t = 0.7;
  const c = createCircuit({
    nQubits: 2,
    ops: [{ gate: "X", wires: [0], params: [] }, {
      gate: "RBS",
      wires: [0, 1],
      params: [constParam(t)],
    }],
    observables: [],
  });
  const { re } = new CpuSimulator(c, { batch: 1 }).state();
  assertClose(
    re,
    [0, Math.sin(t), Math.cos(t), 0],
    1e-15,
    "RBS|10⟩ = cos t|10⟩ + sin t|01⟩",
  );
  assert.equal(gateMatrix("RBS", [t])[2 * (2 * 4 + 1)], -Math.sin(t));
});

Deno.test("CpuSimulator.state() round-trips amplitude encoding with normalisation and zero padding", () => {
  const x = [3, -1, 2, 0.5, 4];
  const c = createCircuit({
    nQubits: 3,
    ops: [],
    observables: [],
    init: { kind: "amplitude", nFeatures: 5 },
  });
  const { re, im } = new CpuSimulator(c, { batch: 1 }).state({ inputs: x });
  const norm = Math.hypot(...x);
  assertClose(re, [...x.map((v) => v / norm), 0, 0, 0], 1e-15, "amplitudes");
  assertClose(im, new Array(8).fill(0), 0, "imaginary");
});

Deno.test("CpuSimulator() throws RangeError when weights or inputs have the wrong length", () => {
  const c = createCircuit({
    nQubits: 1,
    ops: [{ gate: "RX", wires: [0], params: [weightParam(1)] }],
    observables: [],
  });
  const sim = new CpuSimulator(c, { batch: 2 });
  assert.throws(
    () => sim.forward({ weights: [1] }),
    /Cannot run circuit: weights expected length 2, got 1/,
  );
  assert.throws(
    () => new CpuSimulator(c, { batch: 0 }),
    /batch expected a positive integer, got 0/,
  );
});

Deno.test("CpuSimulator.vjp() throws RangeError when inputs or dOut have the wrong length", () => {
  const c = createCircuit({
    nQubits: 1,
    ops: [{ gate: "RX", wires: [0], params: [inputParam(0)] }],
    observables: [pauliZ(0)],
  });
  const sim = new CpuSimulator(c, { batch: 2 });
  assert.throws(
    () => sim.forward({ inputs: [1] }),
    /Cannot run circuit: inputs expected length 2 \(2×1\), got 1/,
  );
  assert.throws(
    () => sim.vjp({ inputs: [1, 2] }, { dOut: [1] }),
    /Cannot run adjoint: dOut expected length 2, got 1/,
  );
});
