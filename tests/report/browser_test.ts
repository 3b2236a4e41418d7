// Real-browser check of the generated pages: headless Chromium opens each page
// offline, the test fails on any console error, exception or network request,
// and asserts one SVG chart per declared figure. Screenshots are saved under
// reports/browser-test/. Set QREPRO_NO_BROWSER=1 to skip where no Chromium
// exists; elsewhere (CI installs Debian's chromium) a missing browser fails.

import assert from "node:assert/strict";
import { buildIndex } from "../../lib/report/build_index.ts";
import { buildReport } from "../../lib/report/build_report.ts";
import { writeCell } from "../../lib/report/cells.ts";
import type { PageSpec } from "../../lib/report/page_spec.ts";
import { encodePng } from "../../lib/report/png.ts";
import { writeFileAtomic } from "../../lib/runtime/mod.ts";
import { Chromium } from "./_cdp.ts";
import { DEMO_PAGE, syntheticCell, writeDemoClaims } from "./_fixtures.ts";

const SKIP = Deno.env.get("QREPRO_NO_BROWSER") === "1";
const CANDIDATES = [
  Deno.env.get("CHROMIUM") ?? "",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
];
const SCREENSHOT_DIR = "reports/browser-test";

// The demo page plus one scatter figure and one image figure (a PNG the test
// writes, as experiments do): every figure kind in one page.
const PAGE: PageSpec = {
  ...DEMO_PAGE,
  figures: [
    ...DEMO_PAGE.figures,
    {
      kind: "scatter",
      id: "loss-acc",
      title: "Loss against accuracy",
      x: "testLoss",
      y: "testAcc",
      color: "arm",
      xScale: 100,
      yScale: 100,
      paper: { kd: { x: "baseline-acc", y: "kd-acc" } },
    },
    {
      kind: "image",
      id: "digits",
      title: "A ramp",
      src: "images/ramp.png",
      width: 160,
    },
  ],
};
const N_CHARTS = PAGE.figures.filter((f) => f.kind !== "image").length;

async function findChromium(): Promise<string> {
  for (const path of CANDIDATES) {
    if (path && await Deno.stat(path).then((s) => s.isFile, () => false)) {
      return path;
    }
  }
  throw new Error(
    `Cannot find Chromium: expected one of ${
      CANDIDATES.filter(Boolean).join(", ")
    }, got none ` +
      "(install Debian's chromium, set CHROMIUM=/path, or set QREPRO_NO_BROWSER=1 to skip)",
  );
}

Deno.test({
  name:
    "buildReport() pages open in headless Chromium with one SVG per figure and no console error",
  ignore: SKIP,
  fn: async () => {
    const chromium = await findChromium();
    const outDir = await Deno.makeTempDir({ prefix: "qrepro-browser-" });
    const profile = await Deno.makeTempDir({ prefix: "qrepro-chromium-" });
    for (const seed of [1, 2, 3]) {
      for (const arm of ["kd", "base"]) {
        await writeCell("demo", syntheticCell(arm, seed), { outDir });
      }
    }
    await writeCell("plain", syntheticCell("kd", 1), { outDir });
    const claimsPath = await writeDemoClaims(outDir);
    await writeFileAtomic(
      `${outDir}/demo/images/ramp.png`,
      encodePng(Uint8Array.from({ length: 8 * 16 }, (_, i) => i * 2), [
        8,
        16,
        1,
      ]),
    );
    const results = [
      await buildReport("demo", { outDir, claimsPath, page: PAGE }),
      await buildReport("plain", { outDir, claimsPath: `${outDir}/none.json` }),
    ];
    await buildIndex(results, { outDir });
    const browser = await Chromium.launch(chromium, profile);
    try {
      const pages: [string, number][] = [
        ["demo/index.html", N_CHARTS],
        ["plain/index.html", 0],
        [
          "index.html",
          0,
        ],
      ];
      for (const [page, nFigures] of pages) {
        const visit = await browser.visit(`file://${outDir}/${page}`);
        const shot = await browser.screenshot();
        await writeFileAtomic(
          `${SCREENSHOT_DIR}/${
            page.replace(/\//g, "_").replace(/\.html$/, ".png")
          }`,
          shot,
        );
        assert.deepEqual(visit.errors, [], `console errors on ${page}`);
        assert.deepEqual(
          visit.networkRequests,
          [],
          `network requests from ${page}`,
        );
        assert.ok(
          shot.length > 1000 && shot[1] === 0x50,
          `screenshot of ${page} is a PNG`,
        );
        const charts = await browser.evaluate(
          `[...document.querySelectorAll("figure.chart")].map((f) => {
          const svgs = f.querySelectorAll("svg");
          const box = svgs[0]?.getBoundingClientRect();
          return { id: f.id, nSvg: svgs.length, width: box?.width ?? 0, height: box?.height ?? 0,
            marks: f.querySelectorAll("path, line, rect").length };
        })`,
        ) as {
          id: string;
          nSvg: number;
          width: number;
          height: number;
          marks: number;
        }[];
        assert.equal(charts.length, nFigures, `declared figures on ${page}`);
        for (const c of charts) {
          assert.equal(c.nSvg, 1, `${page} ${c.id} has one SVG`);
          assert.ok(
            c.width > 100 && c.height > 100,
            `${page} ${c.id} is drawn (${c.width}×${c.height})`,
          );
          assert.ok(c.marks > 10, `${page} ${c.id} has marks`);
        }
        assert.equal(
          await browser.evaluate("document.querySelectorAll('svg').length"),
          nFigures,
        );
      }
      await browser.visit(`file://${outDir}/demo/index.html`);
      assert.deepEqual(
        await browser.evaluate(
          `[...document.querySelectorAll("figure.image img")].map((i) =>
            [i.complete, i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width])`,
        ),
        [[true, 16, 8, 160]],
        "the PNG loads at its own size and shows at the declared width",
      );
      await browser.visit(`file://${outDir}/index.html`);
      const links = await browser.evaluate(
        "[...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))",
      );
      assert.deepEqual(links, ["demo/index.html", "plain/index.html"]);
    } finally {
      await browser.close();
      await Deno.remove(outDir, { recursive: true });
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test({
  name:
    "Chromium.visit() reports console errors, missing files and network requests when a page has them",
  ignore: SKIP,
  fn: async () => {
    const chromium = await findChromium();
    const dir = await Deno.makeTempDir({ prefix: "qrepro-browser-" });
    const profile = await Deno.makeTempDir({ prefix: "qrepro-chromium-" });
    await Deno.writeTextFile(
      `${dir}/bad.html`,
      '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><img src="missing.png">' +
        '<img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>',
    );
    const browser = await Chromium.launch(chromium, profile);
    try {
      const visit = await browser.visit(`file://${dir}/bad.html`);
      assert.ok(
        visit.errors.some((e) => e.includes("boom")),
        visit.errors.join("\n"),
      );
      assert.ok(
        visit.errors.some((e) => e.includes("missing.png")),
        visit.errors.join("\n"),
      );
      assert.deepEqual(visit.networkRequests, ["http://127.0.0.1:9/x.png"]);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});
