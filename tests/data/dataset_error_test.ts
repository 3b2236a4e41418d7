import assert from "node:assert/strict";
import { QreproError } from "../../lib/runtime/mod.ts";
import { DatasetError } from "../../lib/data/dataset_error.ts";

Deno.test("DatasetError() is a QreproError with exit code 1 and its own name", () => {
  const err = new DatasetError('Cannot read "x": expected 4 bytes, got 2');
  assert.ok(err instanceof QreproError);
  assert.equal(err.name, "DatasetError");
  assert.equal(err.exitCode, 1);
  assert.equal(err.message, 'Cannot read "x": expected 4 bytes, got 2');
});
