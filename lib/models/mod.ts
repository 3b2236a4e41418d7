/**
 * Model definitions: each builds named, seeded variables and a forward pass
 * returning logits (see {@linkcode Model}).
 *
 * @example Build LeNet5
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParams, lenet5 } from "./mod.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * assert.equal(countParams(lenet5({ nClasses: 6 })), 44086);
 * ```
 *
 * @module
 */

export * from "./model.ts";
export * from "./batch_norm.ts";
export * from "./lenet5.ts";
export * from "./resnet18.ts";

export * from "./quantum_orthogonal_network.ts";
export * from "./eca.ts";
export * from "./multi_scale_fusion.ts";
export * from "./googlenet.ts";
export * from "./densenet121.ts";
export * from "./qianets_resnet18.ts";
export * from "./hry_product_circuit.ts";
export * from "./kd_student_v1.ts";
export * from "./kd_student_v1_cpu.ts";
export * from "./kd_v2_pqc.ts";
export * from "./kd_student_v2.ts";
export * from "./kd_reduction.ts";
export * from "./alexnet28.ts";
export * from "./kd_ensemble.ts";
export * from "./param_net.ts";
export * from "./max_pool_2x2.ts";
export * from "./hermitian_readout.ts";
export * from "./classical_lenet.ts";
export * from "./quantum_lenet.ts";
