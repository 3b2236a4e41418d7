/**
 * CPU statevector backend: a circuit compiled once for a batch size, then run forward or with
 * adjoint differentiation (Jones & Gacon, arXiv:2009.02823) for weights and inputs.
 *
 * @module
 */

import { type Circuit, outputSize, type Param } from "../circuit.ts";
import { CPU_KERNEL, type CpuState, createCpuState } from "./_kernel.ts";
import { mulInto, rotInto } from "./_mat2.ts";
import { measure, paramValue } from "./_measure.ts";
import { CPU_KERNELS } from "./register.ts";
import { compileSteps, isRealProgram, type Step } from "../_program.ts";
import { blockGrads } from "./_block_grads.ts";

/** Storage precision of the state. */
export type Dtype = "float64" | "float32";

/** Per-call data of {@linkcode CpuSimulator}. */
export interface CpuRunOptions {
  /** Weight vector [nWeights]. @default empty */
  weights?: ArrayLike<number>;
  /** Features, row-major [B, nInputs]. @default empty */
  inputs?: ArrayLike<number>;
}

/** Result of {@linkcode CpuSimulator.vjp}. */
export interface CpuVjp {
  /** Outputs [B, nOut]. */
  out: Float64Array;
  /** ∂L/∂weights [nWeights], summed over the batch. */
  dWeights: Float64Array;
  /** ∂L/∂inputs [B, nInputs]. */
  dInputs: Float64Array;
}

const I2 = Float64Array.from([1, 0, 0, 0, 0, 0, 1, 0]);

const kernel = (name: string) => CPU_KERNELS.get(name)!;
const U1 = kernel(CPU_KERNEL.U1), ADJOINT_U1 = kernel(CPU_KERNEL.ADJOINT_U1);
const RBS = kernel(CPU_KERNEL.RBS),
  ADJOINT_RBS = kernel(CPU_KERNEL.ADJOINT_RBS);
const PERMUTATION = kernel(CPU_KERNEL.PERMUTATION),
  DIAGONAL = kernel(CPU_KERNEL.DIAGONAL);
const U2 = kernel(CPU_KERNEL.U2);

/**
 * Batched CPU statevector simulator for one circuit and batch size.
 *
 * @example ⟨Z⟩ after RY(θ) is cos θ, and its adjoint gradient is −sin θ
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit, weightParam } from "../circuit.ts";
 * import { CpuSimulator } from "./cpu_simulator.ts";
 * const c = createCircuit({
 *   nQubits: 1,
 *   ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
 *   observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
 * });
 * const sim = new CpuSimulator(c, { batch: 1 });
 * const { out, dWeights } = sim.vjp({ weights: [0.4] }, { dOut: [1] });
 * assert.ok(Math.abs(out[0] - Math.cos(0.4)) < 1e-15);
 * assert.ok(Math.abs(dWeights[0] + Math.sin(0.4)) < 1e-15);
 * ```
 */
export class CpuSimulator {
  /** The circuit. */
  readonly circuit: Circuit;
  /** Samples per call. */
  readonly batch: number;
  /** Outputs per sample. */
  readonly nOut: number;
  #steps: Step[];
  #coefs: Float64Array[];
  #st: CpuState;
  #g: Float64Array;
  #scratch = Array.from({ length: 5 }, () => new Float64Array(8));

  /**
   * Compile a circuit for a batch size.
   *
   * @param circuit Circuit from createCircuit.
   * @param options Batch size and storage precision.
   * @throws {RangeError} If batch is not a positive integer.
   */
  constructor(
    circuit: Circuit,
    { batch, dtype = "float64" }: {
      /** Samples per call. */
      batch: number;
      /** State precision. @default "float64" */
      dtype?: Dtype;
    },
  ) {
    if (!(Number.isInteger(batch) && batch >= 1)) {
      throw new RangeError(
        `Cannot build CPU simulator: batch expected a positive integer, got ${batch}`,
      );
    }
    this.circuit = circuit;
    this.batch = batch;
    this.nOut = outputSize(circuit);
    this.#steps = compileSteps(circuit);
    this.#coefs = this.#steps.map((s) =>
      new Float64Array(
        s.kind === "u1" ? 8 * batch : s.kind === "rbs" ? 2 * batch : 0,
      )
    );
    this.#g = new Float64Array(8 * batch);
    this.#st = createCpuState(circuit.nQubits, batch, {
      dtype,
      real: isRealProgram(circuit, this.#steps),
    });
  }

  #check(weights: ArrayLike<number>, inputs: ArrayLike<number>): void {
    const { nWeights, nInputs } = this.circuit;
    if (weights.length !== nWeights) {
      throw new RangeError(
        `Cannot run circuit: weights expected length ${nWeights}, got ${weights.length}`,
      );
    }
    if (inputs.length !== this.batch * nInputs) {
      throw new RangeError(
        `Cannot run circuit: inputs expected length ${
          this.batch * nInputs
        } (${this.batch}×${nInputs}), got ${inputs.length}`,
      );
    }
  }

  /** Fill the per-sample coefficient arrays of every step. */
  #prepare(weights: ArrayLike<number>, inputs: ArrayLike<number>): void {
    const nb = this.batch, nIn = this.circuit.nInputs;
    const [u, tmp, acc] = this.#scratch;
    this.#steps.forEach((step, k) => {
      const coef = this.#coefs[k];
      if (step.kind === "rbs") {
        for (let b = 0; b < nb; b++) {
          const t = paramValue(step.param, weights, inputs, nIn, b);
          coef[b] = Math.cos(t);
          coef[nb + b] = Math.sin(t);
        }
      } else if (step.kind === "u1") {
        const count = step.shared ? 1 : nb;
        for (let b = 0; b < count; b++) {
          acc.set(I2);
          for (const gate of step.gates) {
            if (gate.kind === "const") u.set(gate.matrix);
            else {rotInto(
                gate.axis,
                paramValue(gate.param, weights, inputs, nIn, b),
                u,
              );}
            mulInto(u, acc, tmp);
            acc.set(tmp);
          }
          for (let e = 0; e < 8; e++) {
            if (step.shared) coef.fill(acc[e], e * nb, (e + 1) * nb);
            else coef[e * nb + b] = acc[e];
          }
        }
      }
    });
  }

  #init(inputs: ArrayLike<number>): void {
    const { re, im, dim, nb } = this.#st;
    re.fill(0);
    im.fill(0);
    const init = this.circuit.init, nIn = this.circuit.nInputs;
    if (init.kind === "zero") {
      re.fill(1, 0, nb);
      return;
    }
    for (let b = 0; b < nb; b++) {
      let ss = 0;
      for (let i = 0; i < init.nFeatures; i++) ss += inputs[b * nIn + i] ** 2;
      const norm = Math.sqrt(ss);
      for (let i = 0; i < init.nFeatures && i < dim; i++) {
        re[i * nb + b] = inputs[b * nIn + i] / norm;
      }
    }
  }

  #forward(weights: ArrayLike<number>, inputs: ArrayLike<number>): void {
    this.#check(weights, inputs);
    this.#prepare(weights, inputs);
    this.#init(inputs);
    const st = this.#st;
    this.#steps.forEach((step, k) => {
      const coef = this.#coefs[k];
      if (step.kind === "u1") {
        U1.run(st, { wires: [step.wire], coef, shared: step.shared });
      } else if (step.kind === "rbs") RBS.run(st, { wires: step.wires, coef });
      else if (step.kind === "perm") {
        const { src, sign } = step;
        (step.diagonal ? DIAGONAL : PERMUTATION).run(st, {
          wires: [],
          src,
          sign,
        });
      } else U2.run(st, { wires: step.wires, matrix: step.matrix });
    });
  }

  /**
   * Outputs of the batch.
   *
   * @param options Weights and inputs.
   * @returns Outputs, row-major [B, nOut].
   * @throws {RangeError} If weights or inputs have the wrong length.
   */
  forward({ weights = [], inputs = [] }: CpuRunOptions = {}): Float64Array {
    this.#forward(weights, inputs);
    const out = new Float64Array(this.batch * this.nOut);
    const { nInputs, observables } = this.circuit;
    measure(this.#st, observables, {
      weights,
      inputs,
      nInputs,
      out,
      nOut: this.nOut,
    });
    return out;
  }

  /**
   * Final states of the batch (a copy).
   *
   * @param options Weights and inputs.
   * @returns `{ re, im }`, each row-major [B, 2^n].
   * @throws {RangeError} If weights or inputs have the wrong length.
   */
  state(
    { weights = [], inputs = [] }: CpuRunOptions = {},
  ): { re: Float64Array; im: Float64Array } {
    this.#forward(weights, inputs);
    const { re, im, dim, nb } = this.#st;
    const outRe = new Float64Array(dim * nb),
      outIm = new Float64Array(dim * nb);
    for (let i = 0; i < dim; i++) {
      for (let b = 0; b < nb; b++) {
        outRe[b * dim + i] = re[i * nb + b];
        outIm[b * dim + i] = im[i * nb + b];
      }
    }
    return { re: outRe, im: outIm };
  }

  /**
   * Outputs and the vector-Jacobian product for L = Σ dOut ⊙ out by adjoint differentiation.
   *
   * @param data Weights and inputs.
   * @param options `dOut` = ∂L/∂out, row-major [B, nOut].
   * @returns `{ out, dWeights, dInputs }`.
   * @throws {RangeError} If an array has the wrong length.
   */
  vjp(
    { weights = [], inputs = [] }: CpuRunOptions,
    { dOut }: { dOut: ArrayLike<number> },
  ): CpuVjp {
    const { nInputs, nWeights, observables } = this.circuit;
    const nb = this.batch;
    if (dOut.length !== nb * this.nOut) {
      throw new RangeError(
        `Cannot run adjoint: dOut expected length ${
          nb * this.nOut
        }, got ${dOut.length}`,
      );
    }
    this.#forward(weights, inputs);
    const st = this.#st;
    st.lre.fill(0);
    st.lim.fill(0);
    const out = new Float64Array(nb * this.nOut);
    const dWeights = new Float64Array(nWeights),
      dInputs = new Float64Array(nb * nInputs);
    const addGrad = (p: Param, b: number, g: number) => {
      if (p.kind === "weight") dWeights[p.index] += p.scale * g;
      else if (p.kind === "input") {
        dInputs[b * nInputs + p.index] += p.scale * g;
      }
    };
    measure(st, observables, {
      weights,
      inputs,
      nInputs,
      out,
      nOut: this.nOut,
      dOut,
      onCoefGrad: addGrad,
    });
    const grad = this.#g;
    for (let k = this.#steps.length - 1; k >= 0; k--) {
      const step = this.#steps[k], coef = this.#coefs[k];
      if (step.kind === "u1") {
        grad.fill(0);
        const args = { wires: [step.wire], coef, grad, shared: step.shared };
        ADJOINT_U1.run(st, args);
        const ctx = { weights, inputs, nInputs, nb, scratch: this.#scratch };
        blockGrads(step, grad, { ...ctx, addGrad });
      } else if (step.kind === "rbs") {
        grad.fill(0, 0, nb);
        ADJOINT_RBS.run(st, { wires: step.wires, coef, grad });
        if (step.param.kind === "weight") {
          let sum = 0;
          for (let b = 0; b < nb; b++) sum += grad[b];
          addGrad(step.param, 0, sum);
        } else for (let b = 0; b < nb; b++) addGrad(step.param, b, grad[b]);
      } else if (step.kind === "perm") {
        const kernel = step.diagonal ? DIAGONAL : PERMUTATION;
        const args = { wires: [], src: step.invSrc, sign: step.invSign };
        kernel.run(st, args);
        kernel.run(st, { ...args, lambda: true });
      } else {
        const args = { wires: step.wires, matrix: step.matrix, inverse: true };
        U2.run(st, args);
        U2.run(st, { ...args, lambda: true });
      }
    }
    if (this.circuit.init.kind === "amplitude") {
      this.#amplitudeGrads(inputs, dInputs);
    }
    return { out, dWeights, dInputs };
  }

  /** ψ0 = x̂: ∂L/∂x̂_i = 2·Re λ_i, then through x̂ = x/‖x‖. */
  #amplitudeGrads(inputs: ArrayLike<number>, dInputs: Float64Array): void {
    const { lre, nb } = this.#st;
    const nIn = this.circuit.nInputs;
    const f = (this.circuit.init as { nFeatures: number }).nFeatures;
    for (let b = 0; b < nb; b++) {
      let ss = 0, dot = 0;
      for (let i = 0; i < f; i++) ss += inputs[b * nIn + i] ** 2;
      const norm = Math.sqrt(ss);
      for (let i = 0; i < f; i++) {
        dot += (inputs[b * nIn + i] / norm) * 2 * lre[i * nb + b];
      }
      for (let i = 0; i < f; i++) {
        const xhat = inputs[b * nIn + i] / norm;
        dInputs[b * nIn + i] += (2 * lre[i * nb + b] - xhat * dot) / norm;
      }
    }
  }
}
