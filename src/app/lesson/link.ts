// A link's lesson (lesson= and step= in the URL) checked against the lesson
// itself. The URL codec checks only their form, so that the page's first
// visit need not carry the lessons; this runs once the lesson's code is in
// (src/app/lesson/index.ts) and says, as the codec does, what is wrong and
// what the page uses instead.

import { bounded, type Issue } from '../url/codec';
import { lessonFrom } from './builtin';
import type { Lesson } from './lesson';

export interface LinkedLesson {
  /** The lesson, or null when the link's is not one (the issue says why). */
  lesson: Lesson | null;
  /** The step to open, 0-based: the link's, or 0 when the lesson has no such step. */
  step: number;
  issues: Issue[];
}

export function linkLesson(l: { source: string; step: number }): LinkedLesson {
  let lesson: Lesson;
  try {
    lesson = lessonFrom(l.source);
  } catch (e) {
    const problem = e instanceof Error ? e.message : String(e);
    return { lesson: null, step: 0, issues: [bounded({ param: 'lesson', value: l.source, problem, used: 'no lesson' })] };
  }
  const n = lesson.steps.length;
  if (l.step < n) return { lesson, step: l.step, issues: [] };
  const issue = { param: 'step', value: String(l.step + 1), problem: `not a step of this lesson; expected 1 to ${n}`, used: 'step 1' };
  return { lesson, step: 0, issues: [bounded(issue)] };
}
