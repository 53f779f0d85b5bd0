/**
 * Undo/redo over immutable values. Consecutive edits with the same `merge` tag (typing into one
 * property) become one step, so Ctrl+Z undoes a word, not a letter.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  readonly lastMerge: string | null;
}

const LIMIT = 200;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastMerge: null };
}

export function pushHistory<T>(history: History<T>, next: T, merge: string | null = null): History<T> {
  if (next === history.present) return history;
  if (merge !== null && merge === history.lastMerge) return { ...history, present: next, future: [] };
  return { past: [...history.past, history.present].slice(-LIMIT), present: next, future: [], lastMerge: merge };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastMerge: null };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastMerge: null };
}
