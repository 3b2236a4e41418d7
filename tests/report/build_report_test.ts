import assert from "node:assert/strict";
import { buildReport, defaultPage } from "../../lib/report/build_report.ts";
import { writeCell } from "../../lib/report/cells.ts";
import { DEMO_PAGE, syntheticCell, writeDemoClaims } from "./_fixtures.ts";

async function demoTree(
  order: number[],
  claimsDir?: string,
): Promise<{ outDir: string; claimsPath: string }> {
  const outDir = await Deno.makeTempDir();
  for (const seed of order) {
    for (const arm of ["kd", "base"]) {
      await writeCell("demo", syntheticCell(arm, seed), { outDir });
    }
  }
  return { outDir, claimsPath: await writeDemoClaims(claimsDir ?? outDir) };
}

Deno.test("buildReport() writes one inline SVG per declared figure and the paper table", async () => {
  const { outDir, claimsPath } = await demoTree([1, 2, 3]);
  const r = await buildReport("demo", { outDir, claimsPath, page: DEMO_PAGE });
  const html = await Deno.readTextFile(r.indexPath);
  assert.equal(html.match(/<svg/g)?.length, 2);
  assert.equal(html.match(/<figure class="chart"/g)?.length, 2);
  assert.match(html, /93.00 ± 1.24 % \(n = 3\)/);
  assert.match(html, /missing cell: mnist-kd-s4/);
  assert.match(html, /Table 1 and Fig. 2 disagree/);
  assert.match(html, /The page adds one inconsistency/);
  assert.match(html, /PAPER CLAIMS \(synthetic\)/);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www.w3.org)/);
  for (
    const f of ["curves.svg", "curves.vl.json", "curves.data.json", "final.svg"]
  ) {
    await Deno.stat(`${outDir}/demo/figures/${f}`);
  }
  const summary = await Deno.readTextFile(`${outDir}/demo/summary.md`);
  assert.match(
    summary,
    /\| KD \| 93.5 % \| 93.00 ± 1.24 % \(n = 3\) \| -0.50 % \|/,
  );
  assert.deepEqual(r.missing, ["mnist-kd-s4"]);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("buildReport() gives byte-identical pages when the same cells are written in another order", async () => {
  const pages: string[] = [];
  const claimsDir = await Deno.makeTempDir();
  for (const order of [[1, 2, 3], [3, 2, 1]]) {
    const { outDir, claimsPath } = await demoTree(order, claimsDir);
    await buildReport("demo", {
      outDir,
      claimsPath: claimsPath,
      page: DEMO_PAGE,
    });
    pages.push(
      (await Deno.readTextFile(`${outDir}/demo/index.html`)) +
        (await Deno.readTextFile(`${outDir}/demo/summary.md`)),
    );
    await Deno.remove(outDir, { recursive: true });
  }
  assert.equal(pages[0], pages[1]);
  await Deno.remove(claimsDir, { recursive: true });
});

Deno.test("buildReport() names a corrupt cell and still renders when a file is half-written", async () => {
  const { outDir, claimsPath } = await demoTree([1, 2]);
  await Deno.writeTextFile(
    `${outDir}/demo/cells/mnist-kd-s3.json`,
    '{"format":"qrepro.cell/1","id":"mn',
  );
  const r = await buildReport("demo", { outDir, claimsPath, page: DEMO_PAGE });
  assert.equal(r.nCells, 4);
  assert.match(r.problems[0], /^mnist-kd-s3.json: invalid JSON/);
  assert.match(
    await Deno.readTextFile(r.indexPath),
    /skipped mnist-kd-s3.json: invalid JSON/,
  );
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("buildReport() uses page.json, or a default table when no page was saved", async () => {
  const { outDir, claimsPath } = await demoTree([1]);
  const r = await buildReport("demo", { outDir, claimsPath });
  assert.equal(r.nFigures, 0);
  assert.match(
    await Deno.readTextFile(r.indexPath),
    /arm=kd, dataset=mnist: testAcc/,
  );
  await Deno.writeTextFile(
    `${outDir}/demo/page.json`,
    JSON.stringify(DEMO_PAGE),
  );
  assert.equal((await buildReport("demo", { outDir, claimsPath })).nFigures, 2);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("buildReport() throws ReportError when the page names another paper", async () => {
  await assert.rejects(
    buildReport("other", { outDir: "/nonexistent", page: DEMO_PAGE }),
    {
      name: "ReportError",
      message:
        'Cannot build report "other": expected page.paper "other", got "demo"',
    },
  );
});

Deno.test("defaultPage() lists each metric of each configuration once when seeds repeat", () => {
  const page = defaultPage("demo", [
    syntheticCell("kd", 1),
    syntheticCell("kd", 2),
  ]);
  assert.deepEqual(page.tables[0].rows.map((r) => r.label), [
    "arm=kd, dataset=mnist: testAcc",
    "arm=kd, dataset=mnist: testLoss",
  ]);
});

Deno.test("buildReport() still draws an SVG and says 'No data' when a figure matches no cells", async () => {
  const { outDir, claimsPath } = await demoTree([1]);
  const r = await buildReport("demo", {
    outDir,
    claimsPath,
    page: {
      ...DEMO_PAGE,
      figures: [
        {
          kind: "curve",
          id: "none",
          title: "None",
          curve: "noSuchCurve",
          color: "arm",
        },
        {
          kind: "bar",
          id: "empty",
          title: "Empty",
          metric: "testAcc",
          x: "arm",
          where: { arm: "zzz" },
        },
      ],
    },
  });
  const html = await Deno.readTextFile(r.indexPath);
  assert.equal(html.match(/<svg/g)?.length, 2);
  assert.equal(html.match(/No data for this figure/g)?.length, 2);
  await Deno.remove(outDir, { recursive: true });
});
