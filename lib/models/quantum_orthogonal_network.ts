/**
 * The hybrid quantum orthogonal network of Q-Drop (Nguyen et al., ICC 2025;
 * research notes `qdrop.md` §1): Dense(n, linear) → unary loader → RBS pyramid
 * → ⟨Z_w⟩ per wire → Dense(k, sigmoid). The quantum layer runs on the
 * simulator's unary fast path ({@linkcode unaryPyramidZ}), whose gradients
 * reach both θ and the first Dense layer.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import { rbsPyramid, rbsPyramidShape, unaryPyramidZ } from "../quantum/mod.ts";

/** Options of {@linkcode createQuantumOrthogonalNetwork}. */
export interface QuantumOrthogonalNetworkOptions {
  /** Input features per sample (16 for 4×4 images, 6 for PCA-6). */
  nFeatures: number;
  /** Wires n of the quantum layer (§1.1). @default {6} */
  nQubits?: number;
  /** Sigmoid outputs k: 2 for one-hot labels, 1 for 0/1 labels (§1.8). @default {2} */
  nOutputs?: number;
  /**
   * Times every RBS gate is applied: 2 is what the published code computed
   * (`qml.apply` on an already-queued gate, §1.6), 1 the textbook design.
   * @default {1}
   */
  repeat?: 1 | 2;
  /** Initial θ: `"zeros"` (most notebooks) or `"normal"` N(0, σ²) (`tmp` notebooks, §1.8). @default {"zeros"} */
  quantumInit?: "zeros" | "normal";
  /** σ of the `"normal"` θ initializer. @default {0.05} */
  quantumInitStd?: number;
}

/** A built network: its variables and its forward pass. */
export interface QuantumOrthogonalNetwork {
  /** Dense-in kernel `[nFeatures, n]`, bias `[n]`, pyramid angles θ `[P]`, Dense-out kernel `[n, k]`, bias `[k]`. */
  readonly variables: {
    w1: tf.Variable;
    b1: tf.Variable;
    theta: tf.Variable;
    w2: tf.Variable;
    b2: tf.Variable;
  };
  /** The classical variables (w1, b1, w2, b2). */
  readonly classical: tf.Variable[];
  /** The pyramid gates in parameter order (gate k carries θ_k), for dropout masks. */
  readonly gates: readonly { readonly wires: readonly number[] }[];
  /**
   * ⟨Z_w⟩ of the quantum layer times a per-wire mask, `[B, n]`.
   *
   * @param x Features `[B, nFeatures]`.
   * @param options `wireMask` `[n]`: 0 zeroes a dropped wire's output (§3.1); default all ones.
   * @returns The masked expectation values.
   */
  circuit(x: tf.Tensor2D, options?: { wireMask?: Float32Array }): tf.Tensor2D;
  /**
   * Sigmoid outputs `[B, k]`.
   *
   * @param x Features `[B, nFeatures]`.
   * @param options `wireMask` as in {@linkcode QuantumOrthogonalNetwork.circuit}.
   * @returns Probabilities in (0, 1).
   */
  predict(x: tf.Tensor2D, options?: { wireMask?: Float32Array }): tf.Tensor2D;
  /**
   * (Re)initialize every weight: Glorot-uniform kernels and zero biases
   * (Keras defaults), θ by `quantumInit`.
   *
   * @param rng Source of the initial weights.
   */
  initialize(rng: Rng): void;
  /** Release the variables. */
  dispose(): void;
}

/**
 * Glorot-uniform kernel `[fanIn, fanOut]`: U(−l, l), l = √(6/(fanIn + fanOut)) (Keras default).
 *
 * @param shape `[fanIn, fanOut]`.
 * @param rng Source of the uniforms.
 * @returns Row-major kernel values.
 *
 * @example Bounded by the Glorot limit
 * ```ts
 * import assert from "node:assert/strict";
 * import { glorotUniform } from "./quantum_orthogonal_network.ts";
 * import { createRng } from "../runtime/mod.ts";
 * const w = glorotUniform([16, 6], createRng(1));
 * assert.equal(w.length, 96);
 * assert.ok(w.every((v) => Math.abs(v) <= Math.sqrt(6 / 22)));
 * ```
 */
export function glorotUniform(
  shape: [fanIn: number, fanOut: number],
  rng: Rng,
): Float32Array {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  const w = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * limit;
  return w;
}

/**
 * Build the quantum orthogonal network (notes §1.1). Weights start at zero
 * until {@linkcode QuantumOrthogonalNetwork.initialize} is called.
 *
 * @param options Sizes, gate repetition and θ initializer.
 * @returns The network.
 * @throws {RangeError} If a size is not a positive integer.
 *
 * @example θ = 0 is the identity pyramid, so ⟨Z⟩ = 1 − 2x̂² (notes §1.5)
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs";
 * import { createQuantumOrthogonalNetwork } from "./quantum_orthogonal_network.ts";
 * await tf.setBackend("cpu");
 * const net = createQuantumOrthogonalNetwork({ nFeatures: 2, nQubits: 2 });
 * net.variables.w1.assign(tf.eye(2));
 * const z = net.circuit(tf.tensor2d([[0.6, 0.8]])).dataSync();
 * assert.ok(Math.abs(z[0] - (1 - 2 * 0.36)) < 1e-6 && Math.abs(z[1] - (1 - 2 * 0.64)) < 1e-6);
 * net.dispose();
 * ```
 */
export function createQuantumOrthogonalNetwork(
  {
    nFeatures,
    nQubits = 6,
    nOutputs = 2,
    repeat = 1,
    quantumInit = "zeros",
    quantumInitStd = 0.05,
  }: QuantumOrthogonalNetworkOptions,
): QuantumOrthogonalNetwork {
  for (
    const [name, value] of [["nFeatures", nFeatures], [
      "nOutputs",
      nOutputs,
    ]] as const
  ) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot build the network: expected ${name} ≥ 1, got ${value}`,
      );
    }
  }
  const nParams = rbsPyramidShape(nQubits); // P = n(n−1)/2, validates nQubits
  const variables = {
    w1: tf.variable(tf.zeros([nFeatures, nQubits]), true, undefined, "float32"),
    b1: tf.variable(tf.zeros([nQubits]), true, undefined, "float32"),
    theta: tf.variable(tf.zeros([nParams]), true, undefined, "float32"),
    w2: tf.variable(tf.zeros([nQubits, nOutputs]), true, undefined, "float32"),
    b2: tf.variable(tf.zeros([nOutputs]), true, undefined, "float32"),
  };
  const gates = rbsPyramid(nQubits, { layout: "qdrop" });
  const ones: Float32Array = new Float32Array(nQubits).fill(1);

  function circuit(
    x: tf.Tensor2D,
    { wireMask = ones }: { wireMask?: Float32Array } = {},
  ): tf.Tensor2D {
    return tf.tidy(() => {
      const h = tf.add(tf.matMul(x, variables.w1), variables.b1) as tf.Tensor2D; // [B, n]
      const z = unaryPyramidZ(h, variables.theta as tf.Tensor1D, {
        layout: "qdrop",
        repeat,
      }); // [B, n]
      // §3.1 item 1: a dropped wire's ⟨Z⟩ is replaced by 0, without rescaling
      return wireMask === ones
        ? z
        : tf.mul(z, tf.tensor1d(wireMask)) as tf.Tensor2D;
    });
  }

  return {
    variables,
    classical: [variables.w1, variables.b1, variables.w2, variables.b2],
    gates,
    circuit,
    predict(x: tf.Tensor2D, options = {}): tf.Tensor2D {
      return tf.tidy(() =>
        tf.sigmoid(
          tf.add(tf.matMul(circuit(x, options), variables.w2), variables.b2),
        )
      );
    },
    initialize(rng: Rng): void {
      tf.tidy(() => {
        variables.w1.assign(
          tf.tensor2d(glorotUniform([nFeatures, nQubits], rng), [
            nFeatures,
            nQubits,
          ]),
        );
        variables.b1.assign(tf.zeros([nQubits]));
        const theta = new Float32Array(nParams);
        if (quantumInit === "normal") {
          for (let k = 0; k < nParams; k++) {
            theta[k] = quantumInitStd * rng.normal();
          }
        }
        variables.theta.assign(tf.tensor1d(theta));
        variables.w2.assign(
          tf.tensor2d(glorotUniform([nQubits, nOutputs], rng), [
            nQubits,
            nOutputs,
          ]),
        );
        variables.b2.assign(tf.zeros([nOutputs]));
      });
    },
    dispose(): void {
      for (const v of Object.values(variables)) v.dispose();
    },
  };
}
