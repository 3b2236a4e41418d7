// Workloads W1–W4 (../shared/bench/WORKLOADS.md) on the WebGPU backend: one timing row per
// workload with medians over RUNS runs after WARMUP runs. Each timed call submits one command
// buffer and waits for the read-back of its results, so the GPU is synchronised. Pipeline
// compilation and buffer allocation (createWebgpuSimulator) happen once, outside the timings.
// Without a WebGPU adapter it returns no rows and says why on stderr.

import { workload, type WorkloadName } from "../../../lib/quantum/mod.ts";
import {
  createWebgpuSimulator,
  requestWebgpu,
} from "../../../lib/quantum/webgpu/mod.ts";

const WARMUP = 2;
const RUNS = 5;
const NAMES: WorkloadName[] = ["W1", "W2", "W3", "W4"];

async function medianMs(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[RUNS >> 1] * 1000) / 1000;
}

/**
 * JSON-line rows of the WebGPU simulator benchmark (issue 4 item 6).
 *
 * @returns One row per workload: `{workload, backend: "webgpu", adapter, batch, qubits,
 * forward_ms, forward_backward_ms}`; none without a WebGPU adapter.
 */
export async function benchQuantumWebgpu(): Promise<object[]> {
  const context = await requestWebgpu({
    onUnavailable: (r) => console.error(`webgpu bench skipped: ${r}`),
  });
  if (!context) return [];
  const rows: object[] = [];
  for (const name of NAMES) {
    const w = workload(name);
    const sim = await createWebgpuSimulator(w.circuit, {
      context,
      batch: w.batch,
    });
    const data = { weights: w.weights, inputs: w.inputs };
    rows.push({
      workload: name,
      backend: "webgpu",
      adapter: context.adapter.description,
      batch: w.batch,
      qubits: w.circuit.nQubits,
      forward_ms: await medianMs(() => sim.forward(data)),
      forward_backward_ms: await medianMs(() =>
        sim.vjp(data, { dOut: w.dOut })
      ),
    });
    sim.destroy();
  }
  return rows;
}

if (import.meta.main) {
  for (const row of await benchQuantumWebgpu()) {
    console.log(JSON.stringify(row));
  }
}
