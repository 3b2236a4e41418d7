/**
 * The shape of a WebGPU kernel config (tfjs-style: a name, a backend and a function that records
 * the kernel) and the recorder the simulator hands to it.
 *
 * @module
 */

import type { KernelLayout, StepArgs } from "./_wgsl.ts";

/** Collects the dispatches of one pass; see simulator.ts. */
export interface DispatchRecorder {
  /**
   * Record one dispatch of `kernel`.
   *
   * @param kernel Kernel name (a key of the register).
   * @param shape Layout, and items per sample of a grid kernel (`step.count`).
   * @param step The dispatch's uniform values.
   */
  dispatch(
    kernel: string,
    shape: { layout: KernelLayout; items: number },
    step: StepArgs,
  ): void;
}

/** One WGSL compute kernel of the WebGPU backend. */
export interface WebgpuKernel {
  /** Kernel name: a gate name from gates.ts, or a simulator stage. */
  readonly kernel: string;
  /** Backend name. */
  readonly backend: "webgpu";
  /** WGSL module source (prelude included). */
  readonly wgsl: string;
  /**
   * Record the kernel's dispatch (with its shape) for the given step.
   *
   * @param recorder Where the dispatch goes.
   * @param step Uniform values; `n` and `batch` are always set.
   */
  run(recorder: DispatchRecorder, step: StepArgs): void;
}

/**
 * Dispatch shape of a grid kernel with `2^(n − k)` items per sample (amplitudes, pairs or quads).
 *
 * @param step Uniform values; `n` is read.
 * @param k Qubits consumed per item (0 amplitudes, 1 pairs, 2 quads).
 * @returns The shape.
 *
 * @example Pairs of a 3-qubit state
 * ```ts
 * import assert from "node:assert/strict";
 * import { gridOver } from "./_kernel.ts";
 * assert.deepEqual(gridOver({ n: 3 }, 1), { layout: "grid", items: 4 });
 * ```
 */
export function gridOver(
  step: StepArgs,
  k: number,
): { layout: KernelLayout; items: number } {
  return { layout: "grid", items: 2 ** ((step.n ?? k) - k) };
}

/** Dispatch shape of a per-sample kernel. */
export const PER_SAMPLE: { layout: KernelLayout; items: number } = {
  layout: "samples",
  items: 1,
};

/** Names of the simulator-stage kernels (gate kernels use the gate names of gates.ts). */
export const STAGE = {
  /** Fused single-qubit 2×2 unitary. */
  U1: "U1",
  /** ±1 signs of a run of CZ gates in one pass. */
  DIAGONAL: "Diagonal",
  /** General two-qubit 4×4 unitary. */
  U2: "U2",
  /** |0…0⟩ preparation. */
  INIT_ZERO: "InitZero",
  /** Amplitude encoding of the input rows. */
  AMPLITUDE_ENCODE: "AmplitudeEncode",
  /** Measured rows (Pauli strings, probabilities). */
  MEASURE: "Measure",
  /** λ = Σ_r dy_r·O_r ψ. */
  ADJOINT_SEED: "AdjointSeed",
  /** Adjoint step of a fused single-qubit unitary with derivatives. */
  ADJOINT_U1: "AdjointU1",
  /** Adjoint step of an RBS gate with a derivative. */
  ADJOINT_RBS: "AdjointRBS",
  /** Gradient of the loss with respect to amplitude-encoded inputs. */
  AMPLITUDE_ENCODE_GRAD: "AmplitudeEncodeGrad",
} as const;

/** WGSL that computes `base`, the index of the |00⟩ amplitude of quad `k` (wires at bitA, bitB). */
export const QUAD_BASE_WGSL = `
fn quadBase(k: u32) -> u32 {
  let lo = min(step.bitA, step.bitB);
  let hi = max(step.bitA, step.bitB);
  return insertZero(insertZero(k, lo), hi);
}
`;
