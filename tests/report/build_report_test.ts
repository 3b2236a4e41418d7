import assert from "node:assert/strict";
import { buildReport, defaultPage } from "../../lib/report/build_report.ts";
import { writeCell } from "../../lib/report/cells.ts";
import { encodePng } from "../../lib/report/png.ts";
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

Deno.test("buildReport() renders a scatter figure inline and writes its data rows", async () => {
  const { outDir, claimsPath } = await demoTree([1, 2, 3]);
  const r = await buildReport("demo", {
    outDir,
    claimsPath,
    page: {
      ...DEMO_PAGE,
      figures: [{
        kind: "scatter",
        id: "loss-acc",
        title: "Loss against accuracy",
        x: "testLoss",
        y: "testAcc",
        color: "arm",
        paper: { kd: { x: "baseline-acc", y: "kd-acc" } },
      }],
    },
  });
  const html = await Deno.readTextFile(r.indexPath);
  assert.equal(
    html.match(/<figure class="chart" id="figure-loss-acc"/g)?.length,
    1,
  );
  assert.equal(html.match(/<svg/g)?.length, 1);
  const rows = JSON.parse(
    await Deno.readTextFile(`${outDir}/demo/figures/loss-acc.data.json`),
  );
  // syntheticCell: testAcc = 0.9 + offset, offset = 0.02 (kd) + 0.005·seed.
  assert.deepEqual(
    rows.map((row: { group: string; source: string; y: number }) => [
      row.group,
      row.source,
      row.y,
    ]),
    [["base", "reproduced", 0.91], ["kd", "reproduced", 0.93], [
      "kd",
      "paper",
      93.5,
    ]],
  );
  await Deno.stat(`${outDir}/demo/figures/loss-acc.svg`);
  await Deno.stat(`${outDir}/demo/figures/loss-acc.vl.json`);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("buildReport() shows an existing PNG and a problem line for a missing one without throwing", async () => {
  const { outDir, claimsPath } = await demoTree([1]);
  // A 2×3 greyscale PNG written the way experiments write theirs.
  await Deno.mkdir(`${outDir}/demo/distilled`, { recursive: true });
  await Deno.writeFile(
    `${outDir}/demo/distilled/mnist.png`,
    encodePng(new Uint8Array([0, 64, 128, 192, 255, 32]), [2, 3, 1]),
  );
  await Deno.writeTextFile(`${outDir}/demo/distilled/fake.png`, "not a png");
  const r = await buildReport("demo", {
    outDir,
    claimsPath,
    page: {
      ...DEMO_PAGE,
      expected: [],
      figures: [
        {
          kind: "image",
          id: "digits",
          title: "Distilled <digits>",
          src: "distilled/mnist.png",
          width: 90,
          caption: "One image per class.",
        },
        { kind: "image", id: "own", title: "Own", src: "distilled/mnist.png" },
        { kind: "image", id: "gone", title: "Gone", src: "distilled/gone.png" },
        { kind: "image", id: "fake", title: "Fake", src: "distilled/fake.png" },
      ],
    },
  });
  const html = await Deno.readTextFile(r.indexPath);
  assert.ok(html.includes(
    '<figure class="image" id="figure-digits">\n<img src="distilled/mnist.png" alt="Distilled &lt;digits&gt;" width="90" style="image-rendering:pixelated">\n<figcaption><strong>Distilled &lt;digits&gt;.</strong> One image per class.</figcaption>',
  ));
  // Without a width the PNG's own width (3 px) is used.
  assert.match(html, /<img src="distilled\/mnist.png" alt="Own" width="3" /);
  assert.equal(html.match(/<img /g)?.length, 2);
  const gone = `${outDir}/demo/distilled/gone.png`;
  assert.ok(html.includes(
    `<figure class="image" id="figure-gone">\n<figcaption><strong>Gone.</strong> <span class="problem">Image not found: ${gone}. </span>`,
  ));
  assert.match(html, /<h2>Incomplete results<\/h2>/);
  assert.ok(
    html.includes(
      `<li>image of figure &quot;gone&quot; not found: ${gone}</li>`,
    ),
  );
  assert.ok(
    html.includes(`<li>image of figure &quot;fake&quot; not a PNG file: `),
  );
  assert.deepEqual(r.missingImages, [
    `gone: not found: ${gone}`,
    `fake: not a PNG file: ${outDir}/demo/distilled/fake.png`,
  ]);
  assert.equal(r.nFigures, 4);
  const summary = await Deno.readTextFile(`${outDir}/demo/summary.md`);
  assert.match(summary, /- Distilled <digits>: distilled\/mnist.png\n/);
  assert.match(summary, /- Gone: distilled\/gone.png \(missing\)\n/);
  assert.match(summary, /- image of figure "gone" not found: /);
  await Deno.remove(outDir, { recursive: true });
});

Deno.test("buildReport() puts each table's caption under the table in summary.md as in the page", async () => {
  const { outDir, claimsPath } = await demoTree([1, 2]);
  const page = {
    ...DEMO_PAGE,
    tables: DEMO_PAGE.tables.map((t) => ({
      ...t,
      caption: "Seeds are <bimodal>",
    })),
  };
  const r = await buildReport("demo", { outDir, claimsPath, page });
  const summary = await Deno.readTextFile(`${outDir}/demo/summary.md`);
  assert.match(summary, /\|\n\nSeeds are <bimodal>\n/);
  assert.match(
    await Deno.readTextFile(r.indexPath),
    /Seeds are &lt;bimodal&gt;/,
  );
  await Deno.remove(outDir, { recursive: true });
});
