import assert from "node:assert/strict";
import {
  computeTable,
  tableHtml,
  tableMarkdown,
} from "../../lib/report/claims_table.ts";
import { welchTest } from "../../lib/report/stats.ts";
import { demoClaims, syntheticCell } from "./_fixtures.ts";

const cells = [1, 2, 3].flatMap((
  s,
) => [syntheticCell("kd", s), syntheticCell("base", s)]);
const claims = demoClaims();

Deno.test("computeTable() gives Δ = reproduced mean − paper value in the claim's unit", () => {
  const [row] = computeTable(cells, {
    id: "t",
    title: "T",
    rows: [{
      label: "KD",
      claim: "kd-acc",
      metric: "testAcc",
      where: { arm: "kd" },
      scale: 100,
    }],
  }, { claims });
  // kd seeds: 0.9 + 0.02 + {0.005, 0.010, 0.015} → mean 93.0 %
  assert.ok(Math.abs(row.reproduced.mean - 93) < 1e-9);
  assert.ok(Math.abs(row.delta - (93 - 93.5)) < 1e-9);
  assert.equal(row.text.paper, "93.5 %");
  assert.equal(row.text.delta, "-0.50 %");
  // s = 0.5, t(0.975, 2) = 4.302653 → half-width 1.242
  assert.equal(row.text.reproduced, "93.00 ± 1.24 % (n = 3)");
  assert.equal(row.text.note, "paper: best epoch; source: Table 1");
});

Deno.test("computeTable() adds Welch's difference and p to the note when a baseline is declared", () => {
  const [row] = computeTable(cells, {
    id: "t",
    title: "T",
    rows: [{
      label: "KD",
      metric: "testAcc",
      where: { arm: "kd" },
      versus: { arm: "base" },
      scale: 100,
    }],
  }, { claims });
  const w = welchTest([92.5, 93, 93.5], [90.5, 91, 91.5]);
  assert.ok(Math.abs(w.diff - 2) < 1e-9);
  assert.equal(row.text.paper, "—");
  assert.equal(
    row.text.note,
    `vs baseline: +2.00 [${w.lo.toFixed(2)}, ${w.hi.toFixed(2)}], Welch p = ${
      Number(w.p.toPrecision(3))
    }`,
  );
});

Deno.test("computeTable() shows statements, missing claims and empty selections without crashing", () => {
  const rows = computeTable(cells, {
    id: "t",
    title: "T",
    rows: [
      {
        label: "text",
        claim: "claim-text",
        metric: "testAcc",
        where: { arm: "kd" },
      },
      {
        label: "typo",
        claim: "no-such-claim",
        metric: "testAcc",
        where: { arm: "kd" },
      },
      {
        label: "none",
        claim: "baseline-acc",
        metric: "testAcc",
        where: { arm: "nothing" },
      },
      {
        label: "one",
        metric: "testAcc",
        where: { arm: "kd" },
        versus: { arm: "nothing" },
      },
    ],
  }, { claims });
  assert.equal(rows[0].text.paper, "KD beats baseline");
  assert.equal(rows[0].text.delta, "—");
  assert.match(rows[1].text.note, /^claim "no-such-claim" not found/);
  assert.equal(rows[2].text.reproduced, "— (no cells)");
  assert.match(
    rows[3].text.note,
    /needs at least 2 runs each \(have 3 and 0\)/,
  );
});

Deno.test("tableHtml() and tableMarkdown() give one row per computed row with the four columns", () => {
  const rows = computeTable(cells, {
    id: "t",
    title: "T",
    rows: [{
      label: "KD <&>",
      claim: "kd-acc",
      metric: "testAcc",
      where: { arm: "kd" },
      scale: 100,
    }],
  }, { claims });
  const html = tableHtml(rows, { caption: "Cap" });
  assert.match(
    html,
    /<th>paper<\/th><th>reproduced \(mean ± 95% CI, n runs\)<\/th><th>Δ<\/th><th>note<\/th>/,
  );
  assert.match(html, /<td>KD &lt;&amp;&gt;<\/td><td class="num">93.5 %<\/td>/);
  assert.match(html, /<caption>Cap<\/caption>/);
  const md = tableMarkdown(rows).split("\n");
  assert.equal(md.length, 3);
  assert.equal(
    md[2],
    "| KD <&> | 93.5 % | 93.00 ± 1.24 % (n = 3) | -0.50 % | paper: best epoch; source: Table 1 |",
  );
});
