/**
 * Error types that entry points report to the user as one line, without a
 * stack trace (see {@linkcode runMain}).
 *
 * @module
 */

/**
 * A user-facing error: bad input, a missing dataset, a corrupt file. Entry
 * points print its message alone; any other error is a bug and keeps its stack.
 *
 * @example Subclassing
 * ```ts
 * import assert from "node:assert/strict";
 * import { QreproError } from "./errors.ts";
 * const err = new QreproError("Cannot read \"x\": expected 4 bytes, got 2");
 * assert.equal(err.name, "QreproError");
 * assert.ok(err instanceof Error);
 * ```
 */
export class QreproError extends Error {
  /** Process exit code used when this error ends a command. */
  readonly exitCode: number = 1;
  /**
   * Create the error.
   *
   * @param message What went wrong, naming the file or flag, expected versus got.
   * @param options Standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "QreproError";
  }
}

/**
 * A wrong command-line flag or value; exits with code 2.
 *
 * @example Exit code
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./errors.ts";
 * assert.equal(new UsageError("Unknown flag: --x").exitCode, 2);
 * ```
 */
export class UsageError extends QreproError {
  /** Process exit code: 2, as for any usage error. */
  override readonly exitCode: number = 2;
  /**
   * Create the error.
   *
   * @param message The flag or value at fault and what was expected.
   * @param options Standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}
