// Checks lesson files: node scripts/validate-lessons.mjs [files...] (default: every lessons/*.md).
// Prints file:line: reason for each problem and exits 1 if there is any; warnings (a task check
// that pressing buttons meets) are printed as "file:line: warning: reason" and do not fail.
import { checkLessons, lessonFiles, loadKatex, widgetConfigChecker, widgetMeasures, widgetSettings } from './lesson-tools.mjs';

const files = process.argv.slice(2);
const targets = files.length ? files : lessonFiles('lessons');
const katex = await loadKatex();
if (!katex) console.warn('validate-lessons: katex is not installed (npm ci), so formulas are not checked');
const { problems, warnings } = checkLessons(targets, { katex, checkWidgetConfig: await widgetConfigChecker(), settingsOf: await widgetSettings(), measuresOf: await widgetMeasures() });
for (const warning of warnings) console.warn(warning.replace(/^([^ ]+:) /, '$1 warning: '));
for (const problem of problems) console.error(problem);
if (problems.length) {
  console.error(`validate-lessons: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${targets.length} file${targets.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`validate-lessons: ${targets.length} lesson file${targets.length === 1 ? '' : 's'} valid`);
