/**
 * The data area's user-facing error.
 *
 * @module
 */

import { QreproError } from "../runtime/mod.ts";

/**
 * A missing dataset, a checksum mismatch, a truncated or malformed file. Entry
 * points print its message as one line (see `runMain` in lib/runtime).
 *
 * @example Name and class
 * ```ts
 * import assert from "node:assert/strict";
 * import { QreproError } from "../runtime/mod.ts";
 * import { DatasetError } from "./dataset_error.ts";
 * const err = new DatasetError('Cannot read "x.gz": expected 16 bytes, got 2');
 * assert.equal(err.name, "DatasetError");
 * assert.ok(err instanceof QreproError);
 * ```
 */
export class DatasetError extends QreproError {
  /**
   * @param message What is wrong, naming the dataset or file, expected versus got.
   * @param options Standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DatasetError";
  }
}
