/**
 * Quantum LeNet of "Dataset Distillation for Quantum Neural Networks" (Phalak,
 * Li, Ghosh, arXiv 2503.17935), exactly as the `QNN` class of the published
 * code at HEAD 2bd66db (qdd.md §3):
 *
 *   x → C1 → ReLU → max2 → C2 → ReLU → max2 → F1 120 → ReLU → F2 64 = f
 *   |ψ⟩ = AmplitudeEmbedding(f/‖f‖) on 6 qubits → StronglyEntanglingLayers(L = 3)
 *   q_i = ⟨ψ| H_i ⊗ I |ψ⟩, one 2×2 Hermitian per qubit
 *   z = fc_final(α·fc3(q) + (1 − α)·ReLU(fc_res(f))), α trainable from 0.5
 *
 * 59,369 parameters on MNIST (qdd.md §3 counts). The circuit enters as
 * quadratic forms in f: computed once in float64 while its angles are frozen
 * (`--impl code`), built from the angles with tfjs ops while they train
 * (`--impl paper`), so gradients of gradients flow through it.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import {
  amplitudeEncoding,
  type Circuit,
  createCircuit,
  type Observable,
  stronglyEntangling,
  stronglyEntanglingShape,
} from "../quantum/mod.ts";
import { dense, layerSpecs, trunk, trunkSpecs } from "./_lenet_trunk.ts";
import { hermitianReadout } from "./hermitian_readout.ts";
import { circuitQuadraticForms } from "./_circuit_quadratic_forms.ts";
import { selQuadraticForms } from "./_sel_quadratic_forms.ts";
import type { ParamNet, ParamSpec } from "./param_net.ts";

/** Qubits of the QNN block (qdd.md §3 step 6). */
export const QDD_QUBITS = 6;
/** StronglyEntanglingLayers depth L (qdd.md §3 step 6). */
export const QDD_LAYERS = 3;

/**
 * Measurement of each qubit: a trainable Hermitian (the paper's model), the
 * same Hermitian frozen at its random initial value, or a fixed Pauli-Z (the
 * two readings of the paper's "non-trainable Hermitian", qdd.md §3).
 */
export type QddObservable = "trainable" | "frozen" | "pauli-z";

/** Options of {@linkcode quantumLenet}. */
export interface QuantumLenetOptions {
  /** Input channels: 1 (MNIST) or 3 (CIFAR-10). @default {1} */
  inChannels?: number;
  /** Input side: 28 or 32. @default {28} */
  inputSize?: number;
  /** Output classes. @default {10} */
  nClasses?: number;
  /** Per-qubit observable. @default {"trainable"} */
  observable?: QddObservable;
  /**
   * Whether training updates the circuit's rotation angles. The published
   * code never does (TorchLayer reads its own parameters, qdd.md §7.1): false
   * is `--impl code`, true is the paper's intent (`--impl paper`).
   * @default {false}
   */
  trainCircuit?: boolean;
}

/**
 * The QNN block's circuit: amplitude embedding of 64 features, L = 3
 * StronglyEntanglingLayers (ranges 1, 2, 3), then ⟨X_i⟩, ⟨Y_i⟩, ⟨Z_i⟩ per
 * qubit (or ⟨Z_i⟩ only).
 *
 * @param options Whether to measure only Pauli-Z.
 * @returns The circuit: 54 weights, 64 inputs, 18 (or 6) outputs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { qddCircuit } from "./quantum_lenet.ts";
 * const c = qddCircuit({ pauliZOnly: false });
 * assert.deepEqual([c.nWeights, c.nInputs, c.observables.length], [54, 64, 18]);
 * ```
 */
export function qddCircuit(
  { pauliZOnly }: { pauliZOnly: boolean },
): Circuit {
  const wires = Array.from({ length: QDD_QUBITS }, (_, i) => i);
  const axes = pauliZOnly ? ["Z"] as const : ["X", "Y", "Z"] as const;
  const observables: Observable[] = wires.flatMap((w) =>
    axes.map((p) => ({ kind: "pauli", wires: [w], paulis: [p] }) as const)
  );
  return createCircuit({
    nQubits: QDD_QUBITS,
    init: amplitudeEncoding(64, { nQubits: QDD_QUBITS }),
    // PennyLane's default ranges (l mod (M−1)) + 1 = 1, 2, 3 (qdd.md §3)
    ops: stronglyEntangling(QDD_LAYERS, { wires }),
    observables,
  });
}

/**
 * Builds the quantum LeNet as a {@linkcode ParamNet}.
 *
 * @param options Geometry, observable variant and circuit trainability.
 * @returns The network. Parameter order: conv1, conv2, fc1 (kernel, bias
 * each), fc2, circuit weights [3, 6, 3], Hermitian M [6, 2, 2, 2] (absent for
 * `"pauli-z"`), α [1], fc3, fc_res, fc_final.
 * @throws {RangeError} If the input size is not 28 or 32.
 *
 * @example Parameter count on MNIST (qdd.md §3)
 * ```ts
 * import assert from "node:assert/strict";
 * import { quantumLenet } from "./quantum_lenet.ts";
 * const net = quantumLenet();
 * const n = net.specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
 * assert.equal(n, 59369);
 * ```
 */
export function quantumLenet(options: QuantumLenetOptions = {}): ParamNet {
  const {
    inChannels = 1,
    inputSize = 28,
    nClasses = 10,
    observable = "trainable",
    trainCircuit = false,
  } = options;
  const pauliZ = observable === "pauli-z";
  const circuit = qddCircuit({ pauliZOnly: pauliZ });
  const [l, m] = stronglyEntanglingShape(QDD_LAYERS, QDD_QUBITS);
  const quantumSpecs: ParamSpec[] = [{
    name: "qnn/weights",
    shape: [l, m, 3],
    // Xavier-normal on (3, 6, 3): PyTorch fan_in 6·3, fan_out 3·3 (qdd.md §3)
    init: { kind: "xavier", fanIn: m * 3, fanOut: l * 3 },
    trainable: trainCircuit,
    resample: false, // qdd.md §7.1b: angles keep their construction-time draw
  }];
  if (!pauliZ) {
    quantumSpecs.push({
      name: "qnn/hermitian",
      shape: [QDD_QUBITS, 2, 2, 2],
      init: { kind: "normal", std: 1 },
      trainable: observable === "trainable",
      resample: false, // qdd.md §7.2
    });
  }
  quantumSpecs.push({
    name: "alpha",
    shape: [1],
    init: { kind: "constant", value: 0.5 },
    trainable: true,
    resample: false, // qdd.md §7.2
  });
  const specs = [
    ...trunkSpecs({ inChannels, inputSize }),
    ...layerSpecs("fc2", [120, 64]),
    ...quantumSpecs,
    ...layerSpecs("fc3", [QDD_QUBITS, nClasses]),
    ...layerSpecs("fc_res", [64, nClasses]),
    ...layerSpecs("fc_final", [nClasses, nClasses]),
  ];
  const forms = new FormsCache(circuit);
  const selForms = {
    ranges: Array.from({ length: l }, (_, i) => (i % (m - 1)) + 1), // as qddCircuit
    observables: Array.from(
      { length: QDD_QUBITS },
      (_, wire) =>
        (pauliZ ? ["Z"] as const : ["X", "Y", "Z"] as const).map((axis) => ({
          wire,
          axis,
        })),
    ).flat(), // qddCircuit's order
  };
  return {
    name: "quantum_lenet",
    specs,
    apply(params, x) {
      return tf.tidy(() => {
        const k = pauliZ ? 9 : 10; // index of α
        const f = dense(trunk(params, x), params[6], params[7]); // [B,64], no activation (§3.5)
        // Either way ⟨P⟩ = fᵀK_P f / fᵀf; trained angles build K with tfjs ops
        const kCat = trainCircuit
          ? selQuadraticForms(params[8], selForms)
          : forms.get(params[8]);
        const expectations = fixedCircuit(f, kCat); // [B,18] or [B,6]
        const q = pauliZ
          ? expectations
          : hermitianReadout(expectations, params[9]); // [B,6]
        const alpha = params[k];
        const quantum = dense(q, params[k + 1], params[k + 2]); // [B,C]
        const residual = tf.relu(dense(f, params[k + 3], params[k + 4])); // [B,C]
        // z = fc_final(α·fc3(q) + (1 − α)·ReLU(fc_res(f))), α unconstrained (§7.8)
        const mixed = tf.add(
          tf.mul(alpha, quantum),
          tf.mul(tf.sub(1, alpha), residual),
        ) as tf.Tensor2D;
        return dense(mixed, params[k + 5], params[k + 6]); // [B,C]
      });
    },
  };
}

/**
 * ⟨P⟩ = fᵀK_P f / fᵀf for a circuit whose angles are constants (see
 * `_circuit_quadratic_forms.ts`); `kCat` is `[64, nObs·64]`.
 */
function fixedCircuit(f: tf.Tensor2D, kCat: tf.Tensor2D): tf.Tensor2D {
  const [b, d] = f.shape, nObs = kCat.shape[1] / d;
  const fk = tf.reshape(tf.matMul(f, kCat), [b, nObs, d]); // [B,nObs,64]
  const num = tf.sum(tf.mul(fk, tf.reshape(f, [b, 1, d])), 2); // [B,nObs]
  return tf.div(num, tf.sum(tf.square(f), 1, true)) as tf.Tensor2D;
}

/** K matrices per frozen angle vector, the few most recent kept on the backend. */
class FormsCache {
  #circuit: Circuit;
  #entries = new Map<string, tf.Tensor2D>();
  constructor(circuit: Circuit) {
    this.#circuit = circuit;
  }
  get(weights: tf.Tensor): tf.Tensor2D {
    const w = weights.dataSync();
    const key = Array.from(w).join(",");
    let k = this.#entries.get(key);
    if (k !== undefined) return k;
    const dim = 1 << this.#circuit.nQubits;
    const nObs = this.#circuit.observables.length;
    const forms = circuitQuadraticForms(this.#circuit, w); // [p, j, k]
    const cat = new Float32Array(forms.length); // [j, p, k]
    for (let p = 0; p < nObs; p++) {
      for (let j = 0; j < dim; j++) {
        cat.set(
          forms.subarray((p * dim + j) * dim, (p * dim + j + 1) * dim),
          (j * nObs + p) * dim,
        );
      }
    }
    k = tf.keep(tf.tensor2d(cat, [dim, nObs * dim]));
    this.#entries.set(key, k);
    if (this.#entries.size > 8) {
      const [oldest] = this.#entries.keys();
      this.#entries.get(oldest)!.dispose();
      this.#entries.delete(oldest);
    }
    return k;
  }
}
