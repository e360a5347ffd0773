/**
 * The authorization details fields whose relative values reach back in time (cds-wg3-01 §7.3
 * "Duration Fields"): "relative dates and datetimes are subtracted from the Server's Grant creation
 * time instead of added, meaning historical data will be included". §7.3's list names
 * `statement_date_end` but links §7.3.2; §7.3.2 (`statement_date_start`: "the start date is set by
 * taking the current date and subtracting the relative value") and §7.3.3 (`statement_date_end`:
 * "adding the relative value") settle it. For these fields `"infinite"` is unbounded in the past.
 * Every other duration field, including ones a Server defines, counts forward.
 */
export const HISTORICAL_DURATION_FIELDS: ReadonlySet<string> = new Set([
  'statement_date_start', // §7.3.2
  'start_date', // §7.3.4
  'segment_start', // §7.3.6
]);

/** Whether a relative value of field `id` is subtracted from now rather than added (§7.3). */
export function countsBackward(id: string): boolean {
  return HISTORICAL_DURATION_FIELDS.has(id);
}
