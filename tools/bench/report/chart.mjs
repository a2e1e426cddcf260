// The latency-versus-load chart: a PNG drawn by matplotlib, installed on demand into a cache venv
// (~/.cache/hookline/bench-venv). Without Python or PyPI, an SVG is drawn here and converted to PNG with
// rsvg-convert or ImageMagick when one is installed; failing that, the SVG is what the report links.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/services.mjs';

const VENV = path.join(
  process.env.HOOKLINE_CACHE_DIR || path.join(os.homedir(), '.cache', 'hookline'),
  'bench-venv',
);
const MATPLOTLIB = 'matplotlib>=3.8,<4';

function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`,
  };
}

function matplotlibPython(log) {
  const python = path.join(VENV, 'bin', 'python');
  if (fs.existsSync(python) && run(python, ['-c', 'import matplotlib'], 60_000).ok) {
    return python;
  }
  log(`chart: installing ${MATPLOTLIB} into ${VENV} (once)`);
  if (!fs.existsSync(python)) {
    const created = run('python3', ['-m', 'venv', VENV], 120_000);
    if (!created.ok) {
      return { error: `python3 -m venv failed: ${created.output.trim().slice(0, 300)}` };
    }
  }
  const installed = run(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', MATPLOTLIB],
    600_000,
  );
  if (!installed.ok) {
    return { error: `pip install matplotlib failed: ${installed.output.trim().slice(-300)}` };
  }
  return python;
}

const escapeXml = (text) =>
  String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** The same chart as a plain SVG (log-scaled y), for machines without matplotlib. */
export function chartSvg(spec) {
  const width = 900;
  const height = 540;
  const margin = { left: 80, right: 30, top: 50, bottom: 80 };
  const xs = spec.series.flatMap((series) => series.x).concat(spec.vlines.map((line) => line.x));
  const ys = spec.series.flatMap((series) => series.y).filter((value) => value > 0);
  if (xs.length === 0 || ys.length === 0) {
    return null;
  }
  const xMax = Math.max(...xs) * 1.08;
  const yMin = 10 ** Math.floor(Math.log10(Math.min(...ys)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x) => margin.left + (x / xMax) * plotW;
  const sy = (y) =>
    margin.top +
    plotH -
    ((Math.log10(Math.max(y, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="28" text-anchor="middle" font-size="16">${escapeXml(spec.title)}</text>`,
  ];
  for (let decade = yMin; decade <= yMax; decade *= 10) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${sy(decade)}" y2="${sy(decade)}" stroke="#ddd"/>`,
    );
    parts.push(`<text x="${margin.left - 8}" y="${sy(decade) + 4}" text-anchor="end">${decade}</text>`);
  }
  const step = 10 ** Math.floor(Math.log10(xMax / 2));
  for (let x = 0; x <= xMax; x += step * (xMax / step > 8 ? 2 : 1)) {
    parts.push(
      `<line x1="${sx(x)}" x2="${sx(x)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#eee"/>`,
    );
    parts.push(`<text x="${sx(x)}" y="${margin.top + plotH + 18}" text-anchor="middle">${x}</text>`);
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
  );
  parts.push(
    `<text x="${margin.left + plotW / 2}" y="${height - 40}" text-anchor="middle">${escapeXml(spec.xlabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(22 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.ylabel)}</text>`,
  );
  for (const line of spec.vlines) {
    parts.push(
      `<line x1="${sx(line.x)}" x2="${sx(line.x)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="${line.color}" stroke-dasharray="6 4"/>`,
    );
  }
  spec.series.forEach((series, index) => {
    const points = series.x.map((x, i) => `${sx(x)},${sy(series.y[i])}`).join(' ');
    const dash = series.linestyle === '--' ? ' stroke-dasharray="8 5"' : '';
    parts.push(`<polyline points="${points}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    for (let i = 0; i < series.x.length; i += 1) {
      parts.push(`<circle cx="${sx(series.x[i])}" cy="${sy(series.y[i])}" r="4" fill="${series.color}"/>`);
    }
    const legendY = margin.top + 16 + index * 18;
    parts.push(
      `<line x1="${margin.left + 12}" x2="${margin.left + 40}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${series.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(`<text x="${margin.left + 46}" y="${legendY}">${escapeXml(series.label)}</text>`);
  });
  spec.vlines.forEach((line, index) => {
    const legendY = margin.top + 16 + (spec.series.length + index) * 18;
    parts.push(
      `<line x1="${margin.left + 12}" x2="${margin.left + 40}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${line.color}" stroke-dasharray="6 4"/>`,
    );
    parts.push(`<text x="${margin.left + 46}" y="${legendY}">${escapeXml(line.label)}</text>`);
  });
  parts.push(
    `<text x="${margin.left}" y="${height - 12}" font-size="11" fill="#555">${escapeXml(spec.footnote)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}

/** Writes `pngFile`; returns `{file, renderer}` or `{file: svgFile, renderer, warning}` when no PNG could be made. */
export function drawChart(spec, pngFile, { log }) {
  const specFile = path.join(os.tmpdir(), `hookline-bench-chart-${process.pid}.json`);
  fs.writeFileSync(specFile, JSON.stringify(spec));
  try {
    const python = matplotlibPython(log);
    if (typeof python === 'string') {
      const drawn = run(
        python,
        [path.join(ROOT, 'tools/bench/report/latency_chart.py'), specFile, pngFile],
        120_000,
      );
      if (drawn.ok) {
        return { file: pngFile, renderer: 'matplotlib' };
      }
      log(`chart: matplotlib failed: ${drawn.output.trim().slice(-300)}`);
    } else {
      log(`chart: ${python.error}`);
    }
    const svg = chartSvg(spec);
    if (svg === null) {
      return { file: null, renderer: null, warning: 'no data to draw' };
    }
    const svgFile = pngFile.replace(/\.png$/, '.svg');
    fs.writeFileSync(svgFile, svg);
    for (const [command, args] of [
      ['rsvg-convert', ['-o', pngFile, svgFile]],
      ['magick', [svgFile, pngFile]],
      ['convert', [svgFile, pngFile]],
    ]) {
      if (run(command, args, 60_000).ok) {
        fs.rmSync(svgFile, { force: true });
        return { file: pngFile, renderer: `svg + ${command}` };
      }
    }
    return {
      file: svgFile,
      renderer: 'svg',
      warning: 'no PNG renderer (matplotlib, rsvg-convert, ImageMagick) available',
    };
  } finally {
    fs.rmSync(specFile, { force: true });
  }
}
