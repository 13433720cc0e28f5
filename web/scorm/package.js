// What this SCORM package holds; `make dist` writes one of these into each package it builds
// (scripts/build-dist.mjs). Here, in the site itself: the whole course, no mastery score.
//   lessons: the lesson ids the package reports (null: every lesson of lessons/index.json)
//   masteryScore: null (completed when every task and quiz is done) or a percent (passed from it)
export default { title: 'Attractor Lab', lessons: null, masteryScore: null };
