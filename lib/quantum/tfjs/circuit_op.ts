/**
 * A circuit as a tfjs op whose gradient is the CPU backend's adjoint differentiation: forward and
 * backward run on typed arrays in float64, so a hybrid model (Dense → circuit → Dense) trains
 * with tfjs optimizers on any tfjs backend. First-order only; use tfjsCircuit for grad of grad.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { type Circuit, outputSize } from "../circuit.ts";
import { CpuSimulator } from "../cpu/cpu_simulator.ts";

/** A differentiable circuit op: (inputs [B, nInputs], weights [P]) → outputs [B, nOut]. */
export type CircuitOp = (
  inputs: tf.Tensor2D,
  weights: tf.Tensor1D,
) => tf.Tensor2D;

/**
 * Wrap a circuit as a tfjs op with an adjoint-method custom gradient for inputs and weights.
 *
 * @param circuit The circuit.
 * @returns The op; simulators are compiled once per batch size and reused.
 * @throws {RangeError} When called with tensors that do not match the circuit.
 *
 * @example Gradient of ⟨Z⟩ after RY(x)·RY(w) in w is −sin(x + w)
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs";
 * import { createCircuit, inputParam, weightParam } from "../circuit.ts";
 * import { circuitOp } from "./circuit_op.ts";
 * await tf.setBackend("cpu");
 * const op = circuitOp(createCircuit({
 *   nQubits: 1,
 *   ops: [
 *     { gate: "RY", wires: [0], params: [inputParam(0)] },
 *     { gate: "RY", wires: [0], params: [weightParam(0)] },
 *   ],
 *   observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
 * }));
 * const x = tf.tensor2d([[0.2]]);
 * const g = tf.grad((w: tf.Tensor) => tf.sum(op(x, w as tf.Tensor1D)))(tf.tensor1d([0.3]));
 * assert.ok(Math.abs(g.dataSync()[0] + Math.sin(0.5)) < 1e-6);
 * ```
 */
export function circuitOp(circuit: Circuit): CircuitOp {
  const sims = new Map<number, CpuSimulator>();
  const nOut = outputSize(circuit);
  const simFor = (b: number) => {
    let sim = sims.get(b);
    if (sim === undefined) {
      sim = new CpuSimulator(circuit, { batch: b });
      sims.set(b, sim);
    }
    return sim;
  };
  return (inputs, weights) => {
    const b = inputs.shape[0];
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      save([x, w]);
      const out = simFor(b).forward({
        weights: w.dataSync(),
        inputs: x.dataSync(),
      });
      return {
        value: tf.tensor2d(Float32Array.from(out), [b, nOut]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const { dWeights, dInputs } = simFor(b).vjp(
            { weights: saved[1].dataSync(), inputs: saved[0].dataSync() },
            { dOut: dy.dataSync() },
          );
          return [
            tf.tensor2d(Float32Array.from(dInputs), [b, circuit.nInputs]),
            tf.tensor1d(Float32Array.from(dWeights)),
          ];
        },
      };
    });
    return f(inputs, weights) as tf.Tensor2D;
  };
}
