/** Period keys of an instant, in UTC: day `2026-03-02`, ISO week by its Monday `2026-03-02`, month `2026-03`. */
export function periodsOf(iso: string): { day: string; week: string; month: string } {
  const date = new Date(iso);
  const day = date.toISOString().slice(0, 10);
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - ((date.getUTCDay() + 6) % 7)));
  return { day, week: monday.toISOString().slice(0, 10), month: day.slice(0, 7) };
}

export const minutesBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;
