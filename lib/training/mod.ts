/**
 * The training engine shared by every experiment: {@linkcode fit} with
 * optimizers, learning-rate schedules, early stopping, metrics and resumable
 * checkpoints.
 *
 * @example Metrics on typed arrays
 * ```ts
 * import assert from "node:assert/strict";
 * import { rocAuc } from "./mod.ts";
 * assert.equal(rocAuc([0.2, 0.9], [0, 1]), 1);
 * ```
 *
 * @module
 */

export * from "./optimizer.ts";
export * from "./adam.ts";
export * from "./wasm_adam.ts";
export * from "./sgd.ts";
export * from "./lr_schedule.ts";
export * from "./early_stopping.ts";
export * from "./metrics.ts";
export * from "./loss.ts";
export * from "./labeled_images.ts";
export * from "./checkpoint.ts";
export * from "./evaluate.ts";
export * from "./fit.ts";
export * from "./gradient_pruning.ts";
export * from "./quantum_dropout.ts";
export * from "./train_qdrop.ts";
export * from "./distillation_loss.ts";
export * from "./predict_logits.ts";
export * from "./train_student.ts";
export * from "./distillation_loss_grad.ts";
export * from "./typed_adam.ts";
export * from "./train_kd_student_v1.ts";
export * from "./distilled_set.ts";
export * from "./second_order_cross_entropy.ts";
export * from "./dataset_distillation.ts";
export * from "./evaluate_distilled.ts";
export * from "./distill_dataset.ts";
