import assert from "node:assert/strict";
import {
  createCircuit,
  outputSize,
  weightParam,
} from "../../../lib/quantum/circuit.ts";
import {
  CpuSimulator,
  workload,
  type WorkloadName,
} from "../../../lib/quantum/mod.ts";
import { createWebgpuSimulator } from "../../../lib/quantum/webgpu/mod.ts";
import { createRng } from "../../../lib/runtime/mod.ts";
import {
  ATOL,
  context,
  maxAbsDiff,
  noWebgpu,
  randomCircuit,
  referenceGradients,
  referenceOutputs,
  uniforms,
} from "./_setup.ts";

const ry = createCircuit({
  nQubits: 1,
  ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
  observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
});

Deno.test({
  name:
    "createWebgpuSimulator() gives ⟨Z⟩ = cos θ and d⟨Z⟩/dθ = −sin θ after RY(θ)",
  ignore: noWebgpu,
  async fn() {
    const sim = await createWebgpuSimulator(ry, {
      context: context!,
      batch: 1,
    });
    for (const theta of [-2.5, 0, 0.3, 1.7]) {
      const { out, dWeights } = await sim.vjp({ weights: [theta] }, {
        dOut: [1],
      });
      assert.ok(Math.abs(out[0] - Math.cos(theta)) < ATOL);
      assert.ok(Math.abs(dWeights[0] + Math.sin(theta)) < ATOL);
    }
    sim.destroy();
  },
});

Deno.test({
  name:
    "forward() gives the Bell-state correlations ⟨Z0⟩ = 0, ⟨Z0Z1⟩ = ⟨X0X1⟩ = 1, ⟨Y0Y1⟩ = −1",
  ignore: noWebgpu,
  async fn() {
    const bell = createCircuit({
      nQubits: 2,
      ops: [{ gate: "H", wires: [0], params: [] }, {
        gate: "CNOT",
        wires: [0, 1],
        params: [],
      }],
      observables: [
        { kind: "pauli", wires: [0], paulis: ["Z"] },
        { kind: "pauli", wires: [0, 1], paulis: ["Z", "Z"] },
        { kind: "pauli", wires: [0, 1], paulis: ["X", "X"] },
        { kind: "pauli", wires: [0, 1], paulis: ["Y", "Y"] },
        { kind: "probs", wires: [0, 1] },
      ],
    });
    const sim = await createWebgpuSimulator(bell, {
      context: context!,
      batch: 2,
    });
    const out = await sim.forward();
    const want = [0, 1, 1, -1, 0.5, 0, 0, 0.5];
    assert.ok(maxAbsDiff(out, [...want, ...want]) < ATOL);
    sim.destroy();
  },
});

for (const amplitude of [false, true]) {
  const init = amplitude ? "amplitude" : "|0…0⟩";
  Deno.test({
    name:
      `vjp() matches the dense reference and finite differences on random circuits (${init})`,
    ignore: noWebgpu,
    async fn() {
      for (const seed of [1, 2, 3]) {
        const circuit = randomCircuit(seed, {
          nQubits: 3 + (seed % 2),
          amplitude,
        });
        const batch = 3, rng = createRng(100 + seed);
        const weights = Float32Array.from(
          uniforms(rng, circuit.nWeights).map((v) => 2 * v),
        );
        const inputs = Float32Array.from(
          uniforms(rng, batch * circuit.nInputs),
        );
        const dOut = Float32Array.from(
          uniforms(rng, batch * outputSize(circuit)),
        );
        const sim = await createWebgpuSimulator(circuit, {
          context: context!,
          batch,
        });
        assert.equal(sim.nOut * batch, dOut.length);
        const got = await sim.vjp({ weights, inputs }, { dOut });
        const run = { weights, inputs, batch };
        const want = referenceGradients(circuit, run, dOut);
        const where = `seed ${seed}`;
        assert.ok(
          maxAbsDiff(
            got.out,
            referenceOutputs(circuit, weights, inputs, batch),
          ) < ATOL,
          where,
        );
        assert.ok(maxAbsDiff(got.dWeights, want.dWeights) < ATOL, where);
        assert.ok(maxAbsDiff(got.dInputs, want.dInputs) < ATOL, where);
        sim.destroy();
      }
    },
  });
}

Deno.test({
  name:
    "backward() after forward() equals vjp() and both submit one command buffer",
  ignore: noWebgpu,
  async fn() {
    const circuit = randomCircuit(7, { nQubits: 4 });
    const batch = 2, rng = createRng(7);
    const weights = uniforms(rng, circuit.nWeights);
    const inputs = uniforms(rng, batch * circuit.nInputs);
    const sim = await createWebgpuSimulator(circuit, {
      context: context!,
      batch,
    });
    const dOut = uniforms(rng, batch * sim.nOut);
    let before = context!.submitCount;
    const out = await sim.forward({ weights, inputs });
    assert.equal(context!.submitCount - before, 1);
    before = context!.submitCount;
    const grads = await sim.backward({ dOut });
    assert.equal(context!.submitCount - before, 1);
    before = context!.submitCount;
    const both = await sim.vjp({ weights, inputs }, { dOut });
    assert.equal(context!.submitCount - before, 1);
    assert.ok(maxAbsDiff(out, both.out) < 1e-7);
    assert.ok(maxAbsDiff(grads.dWeights, both.dWeights) < 1e-6);
    assert.ok(maxAbsDiff(grads.dInputs, both.dInputs) < 1e-6);
    sim.destroy();
  },
});

Deno.test({
  name:
    "createWebgpuSimulator() methods reject wrong lengths, backward() without forward() and use after destroy()",
  ignore: noWebgpu,
  async fn() {
    await assert.rejects(
      () => createWebgpuSimulator(ry, { context: context!, batch: 0 }),
      /Cannot build WebGPU simulator: batch expected a positive integer, got 0/,
    );
    const sim = await createWebgpuSimulator(ry, {
      context: context!,
      batch: 2,
    });
    assert.throws(
      () => sim.forward({ weights: [1, 2] }),
      /Cannot run circuit on WebGPU: weights expected length 1, got 2/,
    );
    assert.throws(
      () => sim.vjp({ weights: [1] }, { dOut: [1] }),
      /Cannot run adjoint on WebGPU: dOut expected length 2, got 1/,
    );
    await assert.rejects(
      () => sim.backward({ dOut: [1, 1] }),
      /Cannot run backward on WebGPU: expected a forward call first, got none since the last backward/,
    );
    sim.destroy();
    assert.throws(
      () => sim.forward({ weights: [1] }),
      /Cannot run circuit on WebGPU: expected a live simulator, got one after destroy\(\)/,
    );
  },
});

const NAMES: WorkloadName[] = ["W1", "W2", "W3", "W4"];
for (const name of NAMES) {
  Deno.test({
    name:
      `vjp() matches the float64 CPU backend on workload ${name} (first 4 samples)`,
    ignore: noWebgpu,
    async fn() {
      const w = workload(name), batch = 4;
      const { nInputs } = w.circuit;
      const cpu = new CpuSimulator(w.circuit, { batch });
      const sim = await createWebgpuSimulator(w.circuit, {
        context: context!,
        batch,
      });
      const run = {
        weights: w.weights,
        inputs: w.inputs.subarray(0, batch * nInputs),
      };
      const dOut = w.dOut.subarray(0, batch * sim.nOut);
      const want = cpu.vjp(run, { dOut });
      const got = await sim.vjp(run, { dOut });
      assert.ok(maxAbsDiff(got.out, want.out) < ATOL);
      assert.ok(maxAbsDiff(got.dWeights, want.dWeights) < ATOL);
      assert.ok(maxAbsDiff(got.dInputs, want.dInputs) < ATOL);
      sim.destroy();
    },
  });
}
