/**
 * The report area's user-facing error.
 *
 * @module
 */

import { QreproError } from "../runtime/mod.ts";

/**
 * A malformed claims file, page description or cell record, or a bad report
 * argument. Entry points print its message as one line (see `runMain`).
 *
 * @example Name and class
 * ```ts
 * import assert from "node:assert/strict";
 * import { ReportError } from "./report_error.ts";
 * const err = new ReportError("Cannot read \"x.json\": expected an object, got null");
 * assert.equal(err.name, "ReportError");
 * assert.ok(err instanceof Error);
 * ```
 */
export class ReportError extends QreproError {
  /**
   * @param message What is wrong, naming the file and field, expected versus got.
   * @param options Standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ReportError";
  }
}
