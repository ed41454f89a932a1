// The guided lesson, fetched the first time it is used (the Lesson button,
// or a link with lesson=): its controller, its bar, the built-in lesson and
// the check of a link's lesson. A first visit that opens no lesson does not
// download any of it.

export { LessonController } from './controller.svelte';
export { default as LessonBar } from './LessonBar.svelte';
export { linkLesson } from './link';
