/**
 * Paper claims: the numbers a paper (or its published code) reports, kept in one
 * clearly labelled JSON file per paper, `experiments/<paper>_claims.json`. They
 * are only ever shown as "paper" beside "reproduced", never used as results.
 *
 * ## File format (`qrepro.claims/1`)
 *
 * ```jsonc
 * {
 *   "format": "qrepro.claims/1",          // required, exactly this string
 *   "label": "PAPER CLAIMS, not reproduced results", // required, shown on pages
 *   "paper": "kd",                        // required, [a-z0-9_-]+, = file prefix
 *   "title": "Classical-to-quantum knowledge distillation", // required
 *   "arxiv": "2311.13810",                // required ("" if none)
 *   "notes": "shared/research/kd.md",     // required, where the numbers were read
 *   "claims": [                           // required, unique ids
 *     {
 *       "id": "mnist-0-5-3q-baseline",    // required, [A-Za-z0-9._-]+, unique
 *       "metric": "test accuracy",        // required, what the number measures
 *       "unit": "%",                      // required ("" for unitless)
 *       "value": 96.56,                   // exactly one of value | series | statement
 *       // "series": [84.22, 93.33],       //   per-epoch values (x = 1, 2, …)
 *       // "statement": "FC beats PCA",    //   a qualitative claim
 *       "source": "notebook MNIST Experiments/Baseline students (notes §5.2)", // required
 *       "note": "best of 10 epochs on the test set" // optional
 *     }
 *   ],
 *   "inconsistencies": [                  // optional, known problems of the paper
 *     "Three KD runs do not distil (notes §6.3)"
 *   ]
 * }
 * ```
 *
 * Unknown keys are rejected, so a typo fails loudly.
 *
 * @module
 */

import { ReportError } from "./report_error.ts";

/** The format tag every claims file carries. */
export const CLAIMS_FORMAT = "qrepro.claims/1";

/** One number (or series, or statement) reported by the paper or its code. */
export interface Claim {
  /** Unique key within the file; page tables refer to claims by it. */
  id: string;
  /** What the number measures, e.g. "test accuracy". */
  metric: string;
  /** Unit of `value`/`series`, e.g. "%", "s/img"; "" when unitless. */
  unit: string;
  /** A single reported number. */
  value?: number;
  /** A reported per-epoch series (x = 1, 2, …). */
  series?: number[];
  /** A qualitative claim in words. */
  statement?: string;
  /** Where it was read: table, figure, notebook, notes §. */
  source: string;
  /** Caveat shown beside it. */
  note?: string;
}

/** A parsed, validated claims file. */
export interface ClaimsFile {
  /** Always {@linkcode CLAIMS_FORMAT}. */
  format: typeof CLAIMS_FORMAT;
  /** The label shown with every paper number. */
  label: string;
  /** Paper key, e.g. "kd". */
  paper: string;
  /** Paper title. */
  title: string;
  /** arXiv id, or "" when there is none. */
  arxiv: string;
  /** The research notes the numbers come from. */
  notes: string;
  /** The claims, ids unique. */
  claims: Claim[];
  /** Known inconsistencies of the paper, one sentence each. */
  inconsistencies: string[];
}

const FILE_KEYS = new Set([
  "format",
  "label",
  "paper",
  "title",
  "arxiv",
  "notes",
  "claims",
  "inconsistencies",
]);
const CLAIM_KEYS = new Set([
  "id",
  "metric",
  "unit",
  "value",
  "series",
  "statement",
  "source",
  "note",
]);
const ID_RE = /^[A-Za-z0-9._-]+$/;
const PAPER_RE = /^[a-z0-9_-]+$/;

function fail(name: string, detail: string): never {
  throw new ReportError(`Cannot read claims "${name}": ${detail}`);
}

function str(
  obj: Record<string, unknown>,
  key: string,
  where: string,
  name: string,
): string {
  const v = obj[key];
  if (typeof v !== "string") {
    fail(name, `expected ${where}.${key} to be a string, got ${typeof v}`);
  }
  return v;
}

function parseClaim(raw: unknown, i: number, name: string): Claim {
  const where = `claims[${i}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail(name, `expected ${where} to be an object`);
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!CLAIM_KEYS.has(key)) fail(name, `unknown key ${where}.${key}`);
  }
  const id = str(obj, "id", where, name);
  if (!ID_RE.test(id)) {
    fail(name, `expected ${where}.id to match ${ID_RE.source}, got "${id}"`);
  }
  const claim: Claim = {
    id,
    metric: str(obj, "metric", where, name),
    unit: str(obj, "unit", where, name),
    source: str(obj, "source", where, name),
  };
  const kinds = ["value", "series", "statement"].filter((k) =>
    obj[k] !== undefined
  );
  if (kinds.length !== 1) {
    fail(
      name,
      `expected exactly one of value, series, statement in ${where} ("${id}"), got ${kinds.length}`,
    );
  }
  if (obj.value !== undefined) {
    if (typeof obj.value !== "number" || !Number.isFinite(obj.value)) {
      fail(name, `expected ${where}.value ("${id}") to be a finite number`);
    }
    claim.value = obj.value;
  }
  if (obj.series !== undefined) {
    const s = obj.series;
    if (
      !Array.isArray(s) || s.length === 0 ||
      !s.every((x) => typeof x === "number" && Number.isFinite(x))
    ) {
      fail(
        name,
        `expected ${where}.series ("${id}") to be a non-empty array of finite numbers`,
      );
    }
    claim.series = s as number[];
  }
  if (obj.statement !== undefined) {
    claim.statement = str(obj, "statement", where, name);
  }
  if (obj.note !== undefined) claim.note = str(obj, "note", where, name);
  return claim;
}

/**
 * Validate a claims document already parsed from JSON.
 *
 * @param raw The parsed JSON value.
 * @param name File name used in error messages.
 * @returns The validated claims file, with `inconsistencies` defaulted to `[]`.
 * @throws {ReportError} On a missing or mistyped field, an unknown key, a
 *   duplicate id, or a claim without exactly one of value, series, statement.
 *
 * @example Validate a minimal file
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateClaims } from "./claims.ts";
 * const file = validateClaims({
 *   format: "qrepro.claims/1", label: "PAPER CLAIMS", paper: "kd", title: "KD",
 *   arxiv: "2311.13810", notes: "shared/research/kd.md",
 *   claims: [{ id: "a", metric: "acc", unit: "%", value: 96.5, source: "Table 1" }],
 * }, "kd_claims.json");
 * assert.equal(file.claims[0].value, 96.5);
 * assert.deepEqual(file.inconsistencies, []);
 * ```
 */
export function validateClaims(raw: unknown, name: string): ClaimsFile {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail(name, "expected a JSON object at the top level");
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!FILE_KEYS.has(key)) fail(name, `unknown key ${key}`);
  }
  if (obj.format !== CLAIMS_FORMAT) {
    fail(
      name,
      `expected format "${CLAIMS_FORMAT}", got ${JSON.stringify(obj.format)}`,
    );
  }
  const paper = str(obj, "paper", "file", name);
  if (!PAPER_RE.test(paper)) {
    fail(name, `expected paper to match ${PAPER_RE.source}, got "${paper}"`);
  }
  if (!Array.isArray(obj.claims)) fail(name, "expected claims to be an array");
  const claims = obj.claims.map((c, i) => parseClaim(c, i, name));
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) fail(name, `duplicate claim id "${c.id}"`);
    seen.add(c.id);
  }
  const inc = obj.inconsistencies ?? [];
  if (!Array.isArray(inc) || !inc.every((s) => typeof s === "string")) {
    fail(name, "expected inconsistencies to be an array of strings");
  }
  return {
    format: CLAIMS_FORMAT,
    label: str(obj, "label", "file", name),
    paper,
    title: str(obj, "title", "file", name),
    arxiv: str(obj, "arxiv", "file", name),
    notes: str(obj, "notes", "file", name),
    claims,
    inconsistencies: inc as string[],
  };
}

/**
 * Read and validate a claims file.
 *
 * @param path Path to the JSON file, e.g. `experiments/kd_claims.json`.
 * @returns The validated claims file.
 * @throws {ReportError} If the file is missing, is not JSON, or fails
 *   {@linkcode validateClaims}.
 *
 * @example Load the KD claims
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadClaims } from "./claims.ts";
 * const kd = await loadClaims("experiments/kd_claims.json");
 * assert.equal(kd.paper, "kd");
 * ```
 */
export async function loadClaims(path: string): Promise<ClaimsFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) fail(path, "file not found");
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(path, `invalid JSON: ${(err as Error).message}`);
  }
  return validateClaims(raw, path);
}

/**
 * Look up a claim by id.
 *
 * @param file A validated claims file.
 * @param id The claim id.
 * @returns The claim.
 * @throws {ReportError} If no claim has that id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { claimById, validateClaims } from "./claims.ts";
 * const file = validateClaims({
 *   format: "qrepro.claims/1", label: "L", paper: "p", title: "T", arxiv: "", notes: "n",
 *   claims: [{ id: "a", metric: "acc", unit: "%", value: 1, source: "s" }],
 * }, "p_claims.json");
 * assert.equal(claimById(file, "a").value, 1);
 * assert.throws(() => claimById(file, "b"), /no claim "b"/);
 * ```
 */
export function claimById(file: ClaimsFile, id: string): Claim {
  const claim = file.claims.find((c) => c.id === id);
  if (!claim) {
    throw new ReportError(
      `Cannot find claim in "${file.paper}_claims.json": no claim "${id}"`,
    );
  }
  return claim;
}
