// Private HTML helpers for the report pages.

/** Escape text for HTML element content and double-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Decimals giving `ref` three significant digits (two from 1 up). */
export function decimalsFor(ref: number): number {
  if (!Number.isFinite(ref) || ref === 0) return 2;
  return Math.abs(ref) >= 1
    ? 2
    : Math.min(12, 2 - Math.floor(Math.log10(Math.abs(ref))));
}

/** Format `x` with the decimals of {@linkcode decimalsFor}(`ref`), so a mean, its CI and Δ align. */
export function fmtLike(x: number, ref: number): string {
  return Number.isFinite(x) ? x.toFixed(decimalsFor(ref)) : "—";
}

/** Escape a Markdown table cell. */
export function mdCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Format a number for display: 2 decimals from 1 up, else 3 significant digits. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return "—";
  if (x === 0) return "0";
  return Math.abs(x) >= 1 ? x.toFixed(2) : Number(x.toPrecision(3)).toString();
}

/** The page style, inlined so pages open offline. */
export const STYLE =
  `body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.label{background:#fff4d6;border:1px solid #e0b84c;padding:.5em .8em;display:inline-block}
.problem{color:#a40000}figure{margin:1.5em 0}figcaption{font-size:.9em;color:#555}
dl.manifest dt{font-weight:bold}dl.manifest dd{margin:0 0 .4em 1.5em;font-family:monospace}`;

/** A complete standalone HTML document. */
export function htmlDocument(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
