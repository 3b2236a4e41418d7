import assert from "node:assert/strict";
import {
  claimById,
  loadClaims,
  validateClaims,
} from "../../lib/report/claims.ts";

const base = () => ({
  format: "qrepro.claims/1",
  label: "PAPER CLAIMS",
  paper: "demo",
  title: "Demo",
  arxiv: "",
  notes: "notes.md",
  claims: [{
    id: "a",
    metric: "acc",
    unit: "%",
    value: 90,
    source: "Table 1",
  }] as Record<string, unknown>[],
});

Deno.test("validateClaims() keeps value, series and statement claims when each has exactly one", () => {
  const raw = base();
  raw.claims.push({
    id: "b",
    metric: "curve",
    unit: "%",
    series: [1, 2],
    source: "Fig. 1",
  });
  raw.claims.push({
    id: "c",
    metric: "text",
    unit: "",
    statement: "X beats Y",
    source: "abstract",
    note: "n",
  });
  const file = validateClaims(raw, "demo_claims.json");
  assert.deepEqual(file.claims.map((c) => [c.value, c.series, c.statement]), [
    [90, undefined, undefined],
    [undefined, [1, 2], undefined],
    [undefined, undefined, "X beats Y"],
  ]);
  assert.equal(file.claims[2].note, "n");
});

const BAD: [string, (raw: ReturnType<typeof base>) => unknown, RegExp][] = [
  ["a top-level array", () => [], /expected a JSON object at the top level/],
  [
    "an unknown top-level key",
    (r) => ({ ...r, extra: 1 }),
    /unknown key extra/,
  ],
  [
    "a wrong format tag",
    (r) => ({ ...r, format: "v0" }),
    /expected format "qrepro.claims\/1", got "v0"/,
  ],
  [
    "a bad paper key",
    (r) => ({ ...r, paper: "K D" }),
    /expected paper to match/,
  ],
  [
    "a missing label",
    (r) => ({ ...r, label: undefined }),
    /expected file.label to be a string, got undefined/,
  ],
  [
    "claims not an array",
    (r) => ({ ...r, claims: {} }),
    /expected claims to be an array/,
  ],
  [
    "an unknown claim key",
    (r) => ({ ...r, claims: [{ ...r.claims[0], valeu: 3 }] }),
    /unknown key claims\[0\].valeu/,
  ],
  [
    "a bad claim id",
    (r) => ({ ...r, claims: [{ ...r.claims[0], id: "a b" }] }),
    /expected claims\[0\].id to match/,
  ],
  [
    "two kinds",
    (r) => ({ ...r, claims: [{ ...r.claims[0], statement: "s" }] }),
    /exactly one of value, series, statement in claims\[0\] \("a"\), got 2/,
  ],
  [
    "no kind",
    (r) => ({ ...r, claims: [{ ...r.claims[0], value: undefined }] }),
    /got 0/,
  ],
  [
    "a non-finite value",
    (r) => ({ ...r, claims: [{ ...r.claims[0], value: "90" }] }),
    /claims\[0\].value \("a"\) to be a finite number/,
  ],
  [
    "an empty series",
    (r) => ({
      ...r,
      claims: [{ ...r.claims[0], value: undefined, series: [] }],
    }),
    /non-empty array of finite numbers/,
  ],
  [
    "a duplicate id",
    (r) => ({ ...r, claims: [r.claims[0], r.claims[0]] }),
    /duplicate claim id "a"/,
  ],
  [
    "bad inconsistencies",
    (r) => ({ ...r, inconsistencies: [1] }),
    /expected inconsistencies to be an array of strings/,
  ],
];

for (const [what, mutate, message] of BAD) {
  Deno.test(`validateClaims() throws ReportError naming the file when given ${what}`, () => {
    assert.throws(
      () => validateClaims(mutate(base()), "demo_claims.json"),
      (err: Error) => {
        assert.equal(err.name, "ReportError");
        assert.match(err.message, /^Cannot read claims "demo_claims.json": /);
        assert.match(err.message, message);
        return true;
      },
    );
  });
}

Deno.test("loadClaims() throws ReportError when the file is missing or not JSON", async () => {
  await assert.rejects(loadClaims("/nonexistent/x_claims.json"), {
    name: "ReportError",
    message: 'Cannot read claims "/nonexistent/x_claims.json": file not found',
  });
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, "{ not json");
  await assert.rejects(loadClaims(path), {
    name: "ReportError",
    message: /invalid JSON/,
  });
  await Deno.remove(path);
});

Deno.test("loadClaims() accepts every claims file in experiments/ when each claim names a source", async () => {
  for await (const entry of Deno.readDir("experiments")) {
    if (!entry.name.endsWith("_claims.json")) continue;
    const file = await loadClaims(`experiments/${entry.name}`);
    assert.equal(`${file.paper}_claims.json`, entry.name);
    assert.ok(file.label.length > 0 && file.claims.length > 0, entry.name);
    for (const c of file.claims) {
      assert.ok(c.source.length > 0, `${entry.name}: ${c.id}`);
    }
  }
});

Deno.test("loadClaims() reads the KD notebook baseline when given kd_claims.json", async () => {
  const kd = await loadClaims("experiments/kd_claims.json");
  // notes §5.2: MNIST 0–5, 3 qubits, baseline 96.56 %; its curve ends at the same value.
  assert.equal(claimById(kd, "mnist-0-5-3q-baseline").value, 96.56);
  assert.equal(
    claimById(kd, "mnist-0-5-3q-baseline-curve").series?.at(-1),
    96.56,
  );
});

Deno.test("claimById() throws ReportError when the id is unknown", () => {
  const file = validateClaims(base(), "demo_claims.json");
  assert.throws(() => claimById(file, "zz"), {
    name: "ReportError",
    message: 'Cannot find claim in "demo_claims.json": no claim "zz"',
  });
});
