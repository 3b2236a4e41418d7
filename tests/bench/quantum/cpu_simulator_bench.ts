// Workloads W1–W4 (../shared/bench/WORKLOADS.md) on the CPU backend: one timing row per
// (workload, backend) with medians over RUNS runs after WARMUP runs (wall clock, and process CPU
// time), plus one float64 check row per workload. Circuit compilation (CpuSimulator
// construction) is done once, outside the timings.

import process from "node:process";
import {
  CpuSimulator,
  type Dtype,
  unaryPyramid,
  unaryPyramidVjp,
  workload,
  type WorkloadName,
} from "../../../lib/quantum/mod.ts";

const WARMUP = 3;
const RUNS = 9;
const NAMES: WorkloadName[] = ["W1", "W2", "W3", "W4"];

/** Median wall time and median process CPU time (user + system) per run, in ms. */
function medians(fn: () => void): { wall: number; cpu: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const wall: number[] = [], cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const dc = process.cpuUsage(c0);
    cpu.push((dc.user + dc.system) / 1000);
  }
  const mid = (a: number[]) =>
    Math.round(a.sort((x, y) => x - y)[RUNS >> 1] * 1000) / 1000;
  return { wall: mid(wall), cpu: mid(cpu) };
}

/**
 * Timing fields of a row: the wall-clock medians, plus CPU-time medians, which stay
 * meaningful when other processes share the machine's cores.
 */
function timings(forward: () => void, forwardBackward: () => void): object {
  const f = medians(forward), fb = medians(forwardBackward);
  return {
    forward_ms: f.wall,
    forward_backward_ms: fb.wall,
    forward_cpu_ms: f.cpu,
    forward_backward_cpu_ms: fb.cpu,
  };
}

function timingRow(name: WorkloadName, dtype: Dtype): object {
  const w = workload(name);
  const sim = new CpuSimulator(w.circuit, { batch: w.batch, dtype });
  const data = { weights: w.weights, inputs: w.inputs };
  return {
    workload: name,
    backend: dtype === "float64" ? "cpu" : "cpu-f32",
    batch: w.batch,
    qubits: w.circuit.nQubits,
    ...timings(() => sim.forward(data), () => sim.vjp(data, { dOut: w.dOut })),
  };
}

function unaryRow(): object {
  const w = workload("W4");
  const n = w.circuit.nQubits;
  const opts = {
    nQubits: n,
    layout: "w4",
    loader: "atan2",
    readout: "probs",
  } as const;
  const dOut = Float64Array.from(
    { length: w.batch * n },
    (_, i) => (i % n) + 1,
  );
  return {
    workload: "W4",
    backend: "cpu-unary",
    batch: w.batch,
    qubits: n,
    ...timings(
      () => unaryPyramid(w.raw, w.weights, opts),
      () => unaryPyramidVjp(w.raw, w.weights, { ...opts, dOut }),
    ),
  };
}

/** Check row: outputs of sample 0, batch loss, dL_0/dθ of sample 0, all in float64. */
function checkRow(name: WorkloadName): object {
  const w = workload(name);
  const sim = new CpuSimulator(w.circuit, { batch: w.batch });
  const out = sim.forward({ weights: w.weights, inputs: w.inputs });
  const loss = out.reduce((a, v, i) => a + v * w.dOut[i], 0);
  const nOut = sim.nOut, nIn = w.circuit.nInputs;
  const one = new CpuSimulator(w.circuit, { batch: 1 });
  const { dWeights } = one.vjp(
    { weights: w.weights, inputs: w.inputs.subarray(0, nIn) },
    { dOut: w.dOut.subarray(0, nOut) },
  );
  return {
    workload: name,
    check: true,
    out0: w.specOutputs(out.subarray(0, nOut)),
    loss_batch: loss,
    grad0: Array.from(dWeights),
    grad0_norm: Math.hypot(...dWeights),
  };
}

/**
 * JSON-line rows of the CPU simulator benchmark (issue 4 item 6).
 *
 * @returns Timing rows for backends "cpu" (float64), "cpu-f32" and "cpu-unary" (W4 only), then
 * one check row per workload.
 */
export async function benchQuantum(): Promise<object[]> {
  const rows: object[] = [];
  // float64 first: once the kernels have also seen Float32Array state they run polymorphic
  // (slower) in V8, so the float32 rows come last and the float64 rows are the monomorphic ones.
  for (const name of NAMES) {
    rows.push(timingRow(name, "float64"));
    if (name === "W4") rows.push(unaryRow());
    await Promise.resolve();
  }
  for (const name of NAMES) rows.push(timingRow(name, "float32"));
  for (const name of NAMES) rows.push(checkRow(name));
  return rows;
}

if (import.meta.main) {
  for (const row of await benchQuantum()) console.log(JSON.stringify(row));
}
