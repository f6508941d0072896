import type { ChangeDataCatalog } from '@itil/change';
import type { FreezeWindow, FreezeWindowSource } from '@itil/read-models';

/**
 * The change calendar's freeze windows from change enablement's published data (the catalog of
 * apps/api/src/policies/change-processes.ts, followed from the `changedata-*` facts): the latest
 * version of every freeze calendar, read at each request. Lives in the app because it reads a
 * process library; another source binds to FREEZE_WINDOWS the same way.
 */
export function catalogFreezeWindows(catalog: ChangeDataCatalog): FreezeWindowSource {
  return {
    between: async (from, to) => {
      const out: FreezeWindow[] = [];
      for (const { id } of catalog.list('freeze-calendar')) {
        const calendar = catalog.latest('freeze-calendar', id);
        if (!calendar) continue;
        for (const w of calendar.windows) {
          const [start, end] = [new Date(w.start).toISOString(), new Date(w.end).toISOString()];
          if (start < to && from < end) out.push({ id: w.id, start, end, reason: w.reason, services: w.services ?? null, source: `freeze-calendar ${calendar.id} v${calendar.version}` });
        }
      }
      return out;
    },
  };
}
