/**
 * Quantum circuit simulation (issue 4): circuits as data (circuit.ts, gates.ts), encoders and
 * templates that build operation lists, and backends that run them: the batched CPU statevector
 * (float64 reference, adjoint and parameter-shift gradients), the unary fast path for RBS
 * circuits, tfjs ops (custom-gradient and fully differentiable), and WebGPU.
 *
 * @example Build a one-qubit circuit
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit, weightParam } from "./mod.ts";
 * const c = createCircuit({
 *   nQubits: 1,
 *   ops: [{ gate: "RY", wires: [0], params: [weightParam(0)] }],
 *   observables: [{ kind: "pauli", wires: [0], paulis: ["Z"] }],
 * });
 * assert.equal(c.nWeights, 1);
 * ```
 *
 * @module
 */

export * from "./gates.ts";
export * from "./circuit.ts";
export * from "./encoders/amplitude_encoding.ts";
export * from "./encoders/angle_encoding.ts";
export * from "./encoders/unary_loader.ts";
export * from "./templates/entanglers.ts";
export * from "./templates/rbs_pyramid.ts";
export * from "./templates/strongly_entangling.ts";
export * from "./cpu/cpu_simulator.ts";
export * from "./cpu/parameter_shift.ts";
export * from "./unary/unary_pyramid.ts";
export * from "./tfjs/circuit_op.ts";
export * from "./tfjs/tfjs_circuit.ts";
export * from "./tfjs/unary_pyramid_z.ts";
export * from "./sample_probs.ts";
export * from "./workloads.ts";
export * from "./webgpu/mod.ts";
