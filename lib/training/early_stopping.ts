/**
 * Keras-style early stopping: stop when the monitored value has not improved
 * by more than `minDelta` for `patience` epochs. Its state is plain data, so
 * checkpoints carry it.
 *
 * @module
 */

/** Options of {@linkcode earlyStopping}. */
export interface EarlyStoppingOptions {
  /** Record field to watch, e.g. `"val_loss"`. @default {"val_loss"} */
  monitor?: string;
  /** `"min"` for losses, `"max"` for accuracies. @default {"min"} */
  mode?: "min" | "max";
  /** Epochs without improvement before stopping. @default {5} */
  patience?: number;
  /** Smallest change that counts as an improvement. @default {0} */
  minDelta?: number;
}

/** Checkpointable state of an early-stopping rule. */
export interface EarlyStoppingState {
  /** Best value seen. */
  best: number;
  /** Epochs since the best. */
  wait: number;
}

/** A rule deciding after each epoch whether to stop. */
export interface EarlyStopping {
  /** Field it watches. */
  readonly monitor: string;
  /**
   * Feeds one epoch's record.
   *
   * @param record Per-epoch metrics.
   * @returns True when training should stop.
   * @throws {RangeError} If the record lacks the monitored field.
   */
  update(record: Record<string, unknown>): boolean;
  /** Current state. */
  state: EarlyStoppingState;
}

/**
 * Creates an early-stopping rule.
 *
 * @param options Monitored field, direction, patience, minimum delta.
 * @returns The rule.
 *
 * @example Stops after two epochs without improvement
 * ```ts
 * import assert from "node:assert/strict";
 * import { earlyStopping } from "./early_stopping.ts";
 * const rule = earlyStopping({ patience: 2 });
 * assert.deepEqual([1, 0.5, 0.6, 0.7].map((v) => rule.update({ val_loss: v })), [
 *   false, false, false, true,
 * ]);
 * ```
 */
export function earlyStopping(
  options: EarlyStoppingOptions = {},
): EarlyStopping {
  const { monitor = "val_loss", mode = "min", patience = 5, minDelta = 0 } =
    options;
  const sign = mode === "min" ? 1 : -1;
  const rule: EarlyStopping = {
    monitor,
    state: { best: Infinity, wait: 0 },
    update(record) {
      const value = record[monitor];
      if (typeof value !== "number") {
        throw new RangeError(
          `Cannot apply early stopping: expected a number in record field "${monitor}", got ${typeof value}`,
        );
      }
      if (sign * value < rule.state.best - minDelta) {
        rule.state = { best: sign * value, wait: 0 };
      } else {
        rule.state = { best: rule.state.best, wait: rule.state.wait + 1 };
      }
      return rule.state.wait >= patience;
    },
  };
  return rule;
}
