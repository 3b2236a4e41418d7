/**
 * The "Ensemble" teacher of the KD notebooks (research notes `kd.md` §1): a
 * module holding freshly initialised members whose logits are averaged, trained
 * jointly from scratch as one model (one optimizer, cross-entropy on the mean
 * logits), not an average of separately trained teachers.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "./model.ts";

/**
 * Joins models into one whose logits are the mean of theirs.
 *
 * @param members The member models (same number of classes).
 * @returns The ensemble; its variables are the members', renamed `<member>/<name>`.
 * @throws {RangeError} If no member is given.
 *
 * @example LeNet5 + LeNet5 doubles the parameter count
 * ```ts
 * import assert from "node:assert/strict";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { createRng } from "../runtime/mod.ts";
 * import { kdEnsemble } from "./kd_ensemble.ts";
 * import { lenet5 } from "./lenet5.ts";
 * import { countParams } from "./model.ts";
 * const e = kdEnsemble([lenet5({ nClasses: 8, rng: createRng(1) }), lenet5({ nClasses: 8, rng: createRng(2) })]);
 * assert.equal(countParams(e), 2 * 44256);
 * ```
 */
export function kdEnsemble(members: Model[]): Model {
  if (members.length === 0) {
    throw new RangeError(
      "Cannot build an ensemble: expected at least one member, got 0",
    );
  }
  return {
    name: `ensemble(${members.map((m) => m.name).join("+")})`,
    variables: members.flatMap((m, i) =>
      m.variables.map((v) => ({ ...v, name: `${i}_${m.name}/${v.name}` }))
    ),
    apply(x, options) {
      return tf.tidy(() => {
        const logits = members.map((m) => m.apply(x, options));
        return tf.div(tf.addN(logits), members.length) as tf.Tensor2D;
      });
    },
  };
}
