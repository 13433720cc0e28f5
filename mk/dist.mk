# `make dist`: what an instructor uploads, in build/dist (scripts/build-dist.mjs): the static site
# as a zip with a deployment note, and SCORM 1.2 packages, one per lesson and one for the course.
# MASTERY_SCORE=80 makes the packages report "passed" from 80 % of the tasks and quizzes done.
.PHONY: dist

MASTERY_SCORE ?=

dist: setup site
	MASTERY_SCORE=$(MASTERY_SCORE) node scripts/build-dist.mjs build/site build/dist
