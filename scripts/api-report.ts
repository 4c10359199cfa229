import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

/**
 * `npm run api:check`: every published entry point's API against its reviewed report
 * (libs/<x>/etc/<name>.api.md); fails on a difference or an error. `npm run api:report`
 * (`--local`) rewrites the reports instead, to commit with the change. Needs the
 * libraries' declarations: `tsc -b` of their tsconfig.build.json runs first (package.json).
 * One process for all of them: API Extractor's start-up dominates a run.
 */
const repo = join(__dirname, '..');
const local = process.argv.includes('--local');
const CONFIGS = [
  'libs/accounts/api-extractor.json',
  'libs/event-store/api-extractor.json',
  'libs/event-store/api-extractor.testing.json',
  'libs/projections/api-extractor.json',
  'libs/engine/api-extractor.json',
];

let failed = false;
for (const file of CONFIGS) {
  const config = ExtractorConfig.loadFileAndPrepare(join(repo, file));
  mkdirSync(join(config.projectFolder, 'etc'), { recursive: true });
  const result = Extractor.invoke(config, { localBuild: local, showVerboseMessages: false });
  const report = config.reportConfigs[0]?.fileName ?? file;
  if (local && result.succeeded) {
    console.log(`api: ${file}: wrote etc/${report}${result.apiReportChanged ? ' (changed)' : ''}`);
  } else if (!result.succeeded || result.apiReportChanged) {
    failed = true;
    console.error(
      `api: ${file}: ${result.apiReportChanged ? `the API differs from etc/${report}` : ''}` +
        ` (${result.errorCount} errors, ${result.warningCount} warnings)` +
        '; review the change, then `npm run api:report` and commit the report',
    );
  } else {
    console.log(`api: ${file}: matches etc/${report} (${result.warningCount} warnings)`);
  }
}
if (failed) process.exit(1);
