/**
 * The WebGPU statevector backend: WGSL compute kernels batched over samples, the state resident
 * on the GPU across gates, one command buffer per pass, and adjoint differentiation on the GPU.
 * {@linkcode requestWebgpu} yields null where WebGPU is unavailable.
 *
 * @example ⟨Z⟩ of a Bell pair's first qubit is 0 and ⟨Z⊗Z⟩ is 1
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit } from "../circuit.ts";
 * import { createWebgpuSimulator, requestWebgpu } from "./mod.ts";
 * const context = await requestWebgpu();
 * if (context) {
 *   const bell = createCircuit({
 *     nQubits: 2,
 *     ops: [{ gate: "H", wires: [0], params: [] }, { gate: "CNOT", wires: [0, 1], params: [] }],
 *     observables: [
 *       { kind: "pauli", wires: [0], paulis: ["Z"] },
 *       { kind: "pauli", wires: [0, 1], paulis: ["Z", "Z"] },
 *     ],
 *   });
 *   const sim = await createWebgpuSimulator(bell, { context, batch: 1 });
 *   const out = await sim.forward();
 *   assert.ok(Math.abs(out[0]) < 1e-6 && Math.abs(out[1] - 1) < 1e-6);
 *   sim.destroy();
 * }
 * ```
 *
 * @module
 */

export * from "./device.ts";
export * from "./register.ts";
export * from "./simulator.ts";
