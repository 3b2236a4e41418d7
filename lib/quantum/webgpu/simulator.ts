/**
 * The WebGPU statevector backend: a circuit runs batched over samples with the state (float32
 * re/im) resident on the GPU across gates. Each call records one command buffer (one queue
 * submission) holding every dispatch of the pass and the copy of its results, and reads back
 * only at the end. Gradients use adjoint differentiation on the GPU (Jones & Gacon,
 * arXiv:2009.02823): one backward sweep gives dL/dw for every weight and dL/dx for every
 * input-driven angle and amplitude-encoded feature. Same calling convention as the CPU
 * backend's `CpuSimulator` (flat row-major arrays, batch fixed at construction), but async.
 *
 * Per call: the host multiplies the gate matrices (fused runs, derivatives; _fill_matrices.ts)
 * and uploads them; the GPU runs the recorded dispatches (_record.ts: layers of up to four
 * single-qubit steps per pass, CZ runs as one sign pass); the host maps measured rows to outputs
 * and reduces the per-sample gradient parts (_outputs.ts). On llvmpipe a read-back costs about
 * 11 ms whatever the work, so small circuits are dominated by it.
 *
 * @module
 */

import type { Circuit } from "../circuit.ts";
import { allocateBuffers, type SimulatorBuffers } from "./_buffers.ts";
import { fillMatrices } from "./_fill_matrices.ts";
import {
  outputGradToRows,
  reduceGradients,
  rowsToOutputs,
} from "./_outputs.ts";
import { type KernelPipelines, kernelPipelines } from "./_pipelines.ts";
import { type Plan, planCircuit } from "./_plan.ts";
import type { Dispatch } from "./_record.ts";
import type { WebgpuContext } from "./device.ts";

/** Per-call data of a {@linkcode WebgpuSimulator}. */
export interface WebgpuRunOptions {
  /** Weight vector [nWeights]. @default empty */
  weights?: ArrayLike<number>;
  /** Features, row-major [B, nInputs]. @default empty */
  inputs?: ArrayLike<number>;
}

/** Gradients of L = Σ_{s,o} dOut[s,o]·out[s,o]. */
export interface WebgpuGradients {
  /** ∂L/∂weights [nWeights], summed over the batch. */
  dWeights: Float32Array;
  /** ∂L/∂inputs [B, nInputs]. */
  dInputs: Float32Array;
}

/** Outputs and gradients of {@linkcode WebgpuSimulator.vjp}. */
export interface WebgpuVjp extends WebgpuGradients {
  /** Outputs [B, nOut]. */
  out: Float32Array;
}

/** A circuit compiled for one WebGPU device and batch size. */
export interface WebgpuSimulator {
  /** The circuit. */
  readonly circuit: Circuit;
  /** Samples per call. */
  readonly batch: number;
  /** Outputs per sample. */
  readonly nOut: number;
  /**
   * Outputs of every sample; keeps the final states on the GPU for {@linkcode backward}.
   *
   * @param run Weights and inputs.
   * @returns Outputs [B, nOut].
   */
  forward(run?: WebgpuRunOptions): Promise<Float32Array>;
  /**
   * Gradients for the states of the last {@linkcode forward} call (consumes them).
   *
   * @param options `dOut`: upstream gradient [B, nOut].
   * @returns ∂L/∂weights and ∂L/∂inputs.
   */
  backward(options: { dOut: ArrayLike<number> }): Promise<WebgpuGradients>;
  /**
   * Forward and backward in one command buffer.
   *
   * @param run Weights and inputs.
   * @param options `dOut`: upstream gradient [B, nOut].
   * @returns Outputs and gradients.
   */
  vjp(
    run: WebgpuRunOptions,
    options: { dOut: ArrayLike<number> },
  ): Promise<WebgpuVjp>;
  /** Release the GPU buffers; the simulator is unusable afterwards. */
  destroy(): void;
}

/** Options of {@linkcode createWebgpuSimulator}. */
export interface WebgpuSimulatorOptions {
  /** Device context from `requestWebgpu`. */
  context: WebgpuContext;
  /** Samples per call. */
  batch: number;
}

// Weights and inputs of the last forward call, and its rows, kept for backward.
interface Saved {
  weights: ArrayLike<number>;
  inputs: ArrayLike<number>;
  rows: Float32Array;
}

class Simulator implements WebgpuSimulator {
  readonly circuit: Circuit;
  readonly batch: number;
  readonly nOut: number;
  #context: WebgpuContext;
  #kernels: KernelPipelines;
  #plan: Plan;
  #b: SimulatorBuffers;
  #tail: Promise<unknown> = Promise.resolve();
  #saved: Saved | undefined;
  #destroyed = false;

  constructor(
    context: WebgpuContext,
    kernels: KernelPipelines,
    plan: Plan,
    batch: number,
  ) {
    this.circuit = plan.circuit;
    this.batch = batch;
    this.nOut = plan.nOutputs;
    this.#context = context;
    this.#kernels = kernels;
    this.#plan = plan;
    this.#b = allocateBuffers(context.device, { kernels, plan, batch });
  }

  forward(
    { weights = [], inputs = [] }: WebgpuRunOptions = {},
  ): Promise<Float32Array> {
    this.#check(weights, inputs);
    return this.#exclusive(async () => {
      this.#upload(weights, inputs);
      const { rows } = await this.#run([this.#b.passes.forward], {
        rows: true,
        grads: false,
      });
      this.#saved = {
        weights: Float64Array.from(weights),
        inputs: Float64Array.from(inputs),
        rows,
      };
      return rowsToOutputs(this.#plan, {
        rows,
        weights,
        inputs,
        batch: this.batch,
      });
    });
  }

  backward({ dOut }: { dOut: ArrayLike<number> }): Promise<WebgpuGradients> {
    this.#checkDOut(dOut);
    return this.#exclusive(async () => {
      const saved = this.#saved;
      if (!saved) {
        throw new TypeError(
          "Cannot run backward on WebGPU: expected a forward call first, got none since the last backward",
        );
      }
      this.#uploadDOut(dOut, saved);
      const { grads } = await this.#run([this.#b.passes.backward], {
        rows: false,
        grads: true,
      });
      this.#saved = undefined;
      return this.#gradients(grads, saved.rows, dOut);
    });
  }

  vjp(
    { weights = [], inputs = [] }: WebgpuRunOptions,
    { dOut }: { dOut: ArrayLike<number> },
  ): Promise<WebgpuVjp> {
    this.#check(weights, inputs);
    this.#checkDOut(dOut);
    return this.#exclusive(async () => {
      this.#upload(weights, inputs);
      this.#uploadDOut(dOut, { weights, inputs });
      const passes = [this.#b.passes.forward, this.#b.passes.backward];
      const { rows, grads } = await this.#run(passes, {
        rows: true,
        grads: true,
      });
      this.#saved = undefined;
      const out = rowsToOutputs(this.#plan, {
        rows,
        weights,
        inputs,
        batch: this.batch,
      });
      return { out, ...this.#gradients(grads, rows, dOut) };
    });
  }

  destroy(): void {
    for (const buffer of this.#b.all) buffer.destroy();
    this.#saved = undefined;
    this.#destroyed = true;
  }

  #check(weights: ArrayLike<number>, inputs: ArrayLike<number>): void {
    this.#checkAlive();
    const { nWeights, nInputs } = this.circuit;
    if (weights.length !== nWeights) {
      throw new RangeError(
        `Cannot run circuit on WebGPU: weights expected length ${nWeights}, got ${weights.length}`,
      );
    }
    if (inputs.length !== this.batch * nInputs) {
      throw new RangeError(
        `Cannot run circuit on WebGPU: inputs expected length ${
          this.batch * nInputs
        } (batch ${this.batch} × ${nInputs}), got ${inputs.length}`,
      );
    }
  }

  #checkAlive(): void {
    if (this.#destroyed) {
      throw new TypeError(
        "Cannot run circuit on WebGPU: expected a live simulator, got one after destroy()",
      );
    }
  }

  #checkDOut(dOut: ArrayLike<number>): void {
    this.#checkAlive();
    if (dOut.length !== this.batch * this.nOut) {
      throw new RangeError(
        `Cannot run adjoint on WebGPU: dOut expected length ${
          this.batch * this.nOut
        }, got ${dOut.length}`,
      );
    }
  }

  // Calls run one at a time: they share the buffers.
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  #upload(weights: ArrayLike<number>, inputs: ArrayLike<number>): void {
    const { device } = this.#context, b = this.#b;
    fillMatrices(this.#plan, {
      weights,
      inputs,
      batch: this.batch,
      out: b.matsHost,
    });
    // Deno 2.9.6 panics on an empty writeBuffer, so empty uploads are skipped.
    if (b.matsHost.length > 0) device.queue.writeBuffer(b.mats, 0, b.matsHost);
    if (inputs.length > 0) {
      device.queue.writeBuffer(b.aux, 0, Float32Array.from(inputs));
    }
  }

  #uploadDOut(dOut: ArrayLike<number>, run: Omit<Saved, "rows">): void {
    const dRows = outputGradToRows(this.#plan, {
      dy: dOut,
      ...run,
      batch: this.batch,
    });
    if (dRows.length === 0) return;
    const offset = 4 * this.batch * this.circuit.nInputs;
    this.#context.device.queue.writeBuffer(this.#b.aux, offset, dRows);
  }

  // One command buffer: the passes' dispatches, then the copies of the results.
  async #run(
    passes: readonly (readonly Dispatch[])[],
    want: { rows: boolean; grads: boolean },
  ): Promise<{ rows: Float32Array; grads: Float32Array }> {
    const b = this.#b, encoder = this.#context.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (const dispatches of passes) {
      for (const d of dispatches) {
        pass.setPipeline(this.#kernels.pipelines.get(d.kernel)!);
        pass.setBindGroup(0, b.bindGroup, [d.offset]);
        pass.dispatchWorkgroups(d.groups[0], d.groups[1], d.groups[2]);
      }
    }
    pass.end();
    const rowBytes = b.rows.size;
    if (want.rows) {
      encoder.copyBufferToBuffer(b.rows, 0, b.staging, 0, rowBytes);
    }
    if (want.grads) {
      encoder.copyBufferToBuffer(b.grads, 0, b.staging, rowBytes, b.grads.size);
    }
    this.#context.submit([encoder.finish()]);
    await b.staging.mapAsync(GPUMapMode.READ);
    const data = new Float32Array(b.staging.getMappedRange().slice(0));
    b.staging.unmap();
    return {
      rows: data.subarray(0, this.batch * this.#plan.nRows),
      grads: data.subarray(rowBytes / 4),
    };
  }

  #gradients(
    grads: Float32Array,
    rows: Float32Array,
    dOut: ArrayLike<number>,
  ): WebgpuGradients {
    return reduceGradients(this.#plan, {
      grads,
      mats: this.#b.matsHost,
      rows,
      dy: dOut,
      batch: this.batch,
    });
  }
}

/**
 * Compile a circuit for a WebGPU device and batch size (pipelines compile once per device).
 *
 * @param circuit A circuit from `createCircuit`.
 * @param options Device context and batch size.
 * @returns The simulator.
 * @throws {RangeError} If batch is not a positive integer or the state exceeds the device's
 * storage-buffer limit; its methods throw RangeError on weights, inputs or dOut of the wrong
 * length, and TypeError for backward without a preceding forward or any call after destroy.
 *
 * @example ⟨Z⟩ after RY(θ) is cos θ, and its gradient −sin θ
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit, weightParam } from "../circuit.ts";
 * import { requestWebgpu } from "./device.ts";
 * import { createWebgpuSimulator } from "./simulator.ts";
 * const context = await requestWebgpu();
 * if (context) {
 *   const circuit = createCircuit({
 *     nQubits: 1,
 *     ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
 *     observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
 *   });
 *   const sim = await createWebgpuSimulator(circuit, { context, batch: 1 });
 *   const { out, dWeights } = await sim.vjp({ weights: [0.3] }, { dOut: [1] });
 *   assert.ok(Math.abs(out[0] - Math.cos(0.3)) < 1e-6);
 *   assert.ok(Math.abs(dWeights[0] + Math.sin(0.3)) < 1e-6);
 *   sim.destroy();
 * }
 * ```
 */
export async function createWebgpuSimulator(
  circuit: Circuit,
  { context, batch }: WebgpuSimulatorOptions,
): Promise<WebgpuSimulator> {
  if (!(Number.isInteger(batch) && batch >= 1)) {
    throw new RangeError(
      `Cannot build WebGPU simulator: batch expected a positive integer, got ${batch}`,
    );
  }
  const plan = planCircuit(circuit);
  return new Simulator(
    context,
    await kernelPipelines(context.device),
    plan,
    batch,
  );
}
