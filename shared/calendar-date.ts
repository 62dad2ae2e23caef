/**
 * Whether text is a real calendar date written YYYY-MM-DD. Date.parse alone accepts 2023-02-30 (it rolls
 * over), and Neo4j would then refuse the value halfway through a write.
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}
