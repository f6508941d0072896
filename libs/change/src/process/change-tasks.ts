/**
 * Change tasks: the pieces of work a change is implemented in (notify users, take the snapshot,
 * run the smoke test). A task is added by ADD_TASK and done by COMPLETE_TASK; the list lives on
 * the change as the `tasks` field, so the fact that adds or completes a task records the whole
 * list with its previous value, and the lifecycle's guard `hasNoOpenChangeTasks` sees it.
 */
export interface ChangeTask {
  /** t1, t2, ...: numbered in the order they were added, so ids are deterministic on replay. */
  id: string;
  title: string;
  assignee: string | null;
  status: 'open' | 'done';
  addedBy: string;
  addedAt: string;
  doneBy: string | null;
  doneAt: string | null;
  notes: string | null;
}

export const tasksOf = (value: unknown): ChangeTask[] => (Array.isArray(value) ? (value as ChangeTask[]) : []);

export const openTasks = (value: unknown): ChangeTask[] => tasksOf(value).filter((t) => t.status !== 'done');

export function addTask(tasks: readonly ChangeTask[], task: { title: string; assignee: string | null; by: string; at: Date }): ChangeTask[] {
  const next: ChangeTask = { id: `t${tasks.length + 1}`, title: task.title, assignee: task.assignee, status: 'open', addedBy: task.by, addedAt: task.at.toISOString(), doneBy: null, doneAt: null, notes: null };
  return [...tasks, next];
}

/** Why a task cannot be completed: it does not exist or is already done. */
export type TaskRefusal = 'UNKNOWN_TASK' | 'TASK_ALREADY_DONE';

export function completeTask(tasks: readonly ChangeTask[], done: { id: string; notes: string | null; by: string; at: Date }): ChangeTask[] | TaskRefusal {
  const task = tasks.find((t) => t.id === done.id);
  if (!task) return 'UNKNOWN_TASK';
  if (task.status === 'done') return 'TASK_ALREADY_DONE';
  return tasks.map((t) => (t.id === done.id ? { ...t, status: 'done' as const, doneBy: done.by, doneAt: done.at.toISOString(), notes: done.notes } : t));
}
