/**
 * The v2 quantum student of Hasan & Mahdy (arXiv 2311.13810 v2, architecture
 * figure; research notes `kd.md` §2.2, §4), known only from its figures:
 *
 *   x [B,H,W,C] → flatten D → reduce to F features → encode → PQC (kd_v2_pqc.ts)
 *     → ⟨Z_i⟩ [B,Q] → fc C = logits
 *
 * `reduction: "fc"` is the "original" method: a trainable linear layer D → F
 * (no activation; trained jointly with the student, notes §4a). `"fixed"` means
 * the input already holds the F reduced features (pooling, crop, PCA: see
 * {@linkcode kdReduce}). F = 2^Q for amplitude encoding, Q for angle encoding.
 * Assumptions (none recoverable from the paper): one PQC block, circuit angles
 * initialised U(−π, π) as TorchQuantum's trainable rotations, linear layers with
 * PyTorch's default U(±1/√fan_in). An all-zero feature vector (e.g. a black 4×4
 * centre crop) has no amplitude encoding; {@linkcode AMPLITUDE_OFFSET} is added to
 * every amplitude feature so that it encodes as the uniform superposition.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../runtime/mod.ts";
import { circuitOp } from "../quantum/mod.ts";
import {
  kdV2Circuit,
  type KdV2Encoding,
  kdV2ExpectationZ,
  kdV2PqcShape,
} from "./kd_v2_pqc.ts";
import { initVariable, type Model, type ModelVariable } from "./model.ts";

/** Added to every amplitude-encoded feature: a zero vector becomes uniform, others move by ~1e-6. */
export const AMPLITUDE_OFFSET = 1e-6;

/** Options of {@linkcode kdStudentV2}. */
export interface KdStudentV2Options {
  /** Number of qubits Q (4 or 8 in v2). */
  nQubits: number;
  /** Flattened input size D (784 for MNIST images, F for pre-reduced features). */
  nInputs: number;
  /** `"fc"`: trainable D → F layer; `"fixed"`: the input is already F features. */
  reduction: "fc" | "fixed";
  /** Feature encoding. @default {"amplitude"} */
  encoding?: KdV2Encoding;
  /** Output classes C. @default {10} */
  nClasses?: number;
  /**
   * How ⟨Z⟩ is computed: `"closed_form"` with tfjs ops ({@linkcode kdV2ExpectationZ}),
   * or `"simulator"`, the circuit as data ({@linkcode kdV2Circuit}) on the CPU
   * statevector simulator with adjoint gradients (`circuitOp`). They agree to float precision.
   * @default {"closed_form"}
   */
  quantum?: "closed_form" | "simulator";
  /** Initial-weight stream. */
  rng: Rng;
}

/**
 * Builds the v2 student.
 *
 * @param options Qubits, input size, reduction, encoding, classes and rng.
 * @returns The model; `apply` returns logits `[B, C]`.
 * @throws {RangeError} If `"fixed"` inputs do not have F features.
 *
 * @example FC + amplitude on 4 qubits: 784·16 + 16 + 15 + 4·10 + 10 parameters
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { createRng } from "../runtime/mod.ts";
 * import { countParams } from "./model.ts";
 * import { kdStudentV2 } from "./kd_student_v2.ts";
 * const model = kdStudentV2({ nQubits: 4, nInputs: 784, reduction: "fc", rng: createRng(1) });
 * assert.equal(countParams(model), 784 * 16 + 16 + 15 + 50);
 * assert.deepEqual(model.apply(tf.ones([2, 28, 28, 1]), { training: true }).shape, [2, 10]);
 * ```
 */
export function kdStudentV2(options: KdStudentV2Options): Model {
  const {
    nQubits,
    nInputs,
    reduction,
    encoding = "amplitude",
    nClasses = 10,
    quantum = "closed_form",
  } = options;
  const rng = options.rng.fork("init");
  const nFeatures = encoding === "amplitude" ? 2 ** nQubits : nQubits;
  if (reduction === "fixed" && nInputs !== nFeatures) {
    throw new RangeError(
      `Cannot build the v2 KD student: expected ${nFeatures} pre-reduced features for ${encoding} encoding on ${nQubits} qubits, got ${nInputs}`,
    );
  }
  const vars: ModelVariable[] = [];
  if (reduction === "fc") {
    vars.push(...linear("reduce", [nInputs, nFeatures], rng));
  }
  vars.push(
    initVariable("pqc/theta", [kdV2PqcShape(nQubits)], {
      init: { kind: "uniform", bound: Math.PI },
      rng,
    }),
    ...linear("head", [nQubits, nClasses], rng),
  );
  const v = vars.map((m) => m.variable);
  const at = reduction === "fc" ? 2 : 0;
  const expectationZ = quantum === "simulator"
    ? circuitOp(kdV2Circuit(nQubits, { encoding }))
    : (f: tf.Tensor2D, w: tf.Tensor1D) =>
      kdV2ExpectationZ(f, w, { nQubits, encoding });
  return {
    name: `kd_student_v2_${reduction}_${encoding}_${nQubits}q`,
    variables: vars,
    apply(x) {
      return tf.tidy(() => {
        let f: tf.Tensor2D = tf.reshape(x, [x.shape[0], -1]); // [B, D]
        if (reduction === "fc") f = dense(f, v[0], v[1]); // [B, F]
        if (encoding === "amplitude") f = tf.add(f, AMPLITUDE_OFFSET);
        const z = expectationZ(f, v[at] as tf.Tensor1D); // [B, Q]
        return dense(z, v[at + 1], v[at + 2]); // [B, C]
      });
    },
  };
}

function linear(
  name: string,
  shape: [number, number],
  rng: Rng,
): ModelVariable[] {
  const init = { kind: "uniform", bound: 1 / Math.sqrt(shape[0]) } as const;
  return [
    initVariable(`${name}/kernel`, shape, { init, rng }),
    initVariable(`${name}/bias`, [shape[1]], { init, rng }),
  ];
}

function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D;
}
