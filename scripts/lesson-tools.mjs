// Lesson checks shared by the site build and the validator CLI: parse every lesson file, check
// them together, and build the lesson list (lessons/index.json) that the lesson map reads.
import fs from 'node:fs';
import path from 'node:path';
import { checkLessonSet, formatProblem, indexEntry, isListed, parseLesson } from '../web/src/lessons/lesson-format.js';
import { claimMeasureProblems } from './lesson-claims.mjs';

// KaTeX from node_modules, to check formulas at build time; null when it is not installed.
export async function loadKatex() {
  try {
    const module = await import('katex');
    return module.default ?? module;
  } catch {
    return null;
  }
}

// The lesson files of a folder: *.md except README.md, in file-name order (the course order).
export function lessonFiles(dir) {
  return fs.readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => path.join(dir, name));
}

// Checks a lesson's widget block against the widget's settings registry: every setting must be
// known and in range, as it would be from a URL (a widget would silently use its default).
export async function widgetConfigChecker() {
  const { loadSchemas } = await import('./measures-doc.mjs');
  const { parseConfig } = await import('../web/src/state/registry.js');
  const schemas = new Map((await loadSchemas()).map((schema) => [schema.name, schema]));
  return (widget, query) => {
    const schema = schemas.get(widget);
    if (!schema) return [`the widget "${widget}" is not built into this site`];
    // A key given twice is reported by the lesson parser already, at its line.
    return parseConfig(schema, query).errors.filter((error) => !error.repeated).map((error) => error.message);
  };
}

// The names of every widget's settings, from the settings registry (for the check warnings).
export async function widgetSettings() {
  const { loadSchemas } = await import('./measures-doc.mjs');
  const settings = new Map((await loadSchemas()).map((schema) => [schema.name, Object.keys(schema.params)]));
  return (widget) => settings.get(widget) ?? [];
}

// The measures each widget's schema documents (for the measure names in checks and live numbers).
export async function widgetMeasures() {
  const { loadSchemas } = await import('./measures-doc.mjs');
  const measures = new Map((await loadSchemas()).map((schema) => [schema.name, Object.keys(schema.measures ?? {})]));
  return (widget) => measures.get(widget) ?? null;
}

// Parses and checks the given files. Returns { problems: [text], warnings: [text], index,
// parsed: [{ lesson, name }] } (name: the file's base name).
export function checkLessons(files, { katex = null, checkWidgetConfig = null, settingsOf = null, measuresOf = null } = {}) {
  const parsed = files.map((file) => {
    const name = path.relative(process.cwd(), file) || file;
    return { ...parseLesson(fs.readFileSync(file, 'utf8'), { file: name, katex, checkWidgetConfig, settingsOf, measuresOf }), name: path.basename(file) };
  });
  const problems = [...parsed.flatMap((p) => p.problems), ...parsed.flatMap((p) => claimMeasureProblems(p.lesson)), ...checkLessonSet(parsed)];
  const index = {
    version: 1,
    lessons: parsed.filter((p) => p.lesson && isListed(p.name)).map((p) => indexEntry(p.lesson, p.name)),
  };
  return {
    problems: problems.map(formatProblem),
    warnings: parsed.flatMap((p) => p.warnings).map(formatProblem),
    index,
    parsed: parsed.map(({ lesson, name }) => ({ lesson, name })),
  };
}
