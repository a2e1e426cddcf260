import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reportModule = path.resolve(__dirname, 'write-report.mjs');
const fixture = (name: string): string => path.resolve(__dirname, 'fixtures', name);

/** write-report.mjs is an ES module: render in its own Node process, as `npm run bench` does. */
function render(resultsFile: string, outDir: string): string {
  const script = `
    import fs from 'node:fs';
    import { writeReport } from ${JSON.stringify(reportModule)};
    const results = JSON.parse(fs.readFileSync(${JSON.stringify(resultsFile)}, 'utf8'));
    await writeReport(results, { log: () => {}, outDir: ${JSON.stringify(outDir)}, publish: false });
  `;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return readFileSync(path.join(outDir, 'benchmarks.md'), 'utf8');
}

describe('the benchmark report', () => {
  let outDir: string;

  beforeEach(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'hookline-bench-report-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('renders an ingest run made without the raw pipeline (--no-raw)', () => {
    const report = render(fixture('ingest-without-raw.results.json'), outDir);

    const rows = report.split('\n').filter((line) => line.includes('POST /v1/events'));
    expect(rows.map((line) => line.split('|')[2].trim())).toEqual(['hookline', 'hookline']);
    expect(report).not.toContain('raw (kafkajs produce)');
  });
});
