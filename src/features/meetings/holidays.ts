import Holidays from 'date-holidays';
import { TIME_ZONE } from './when.js';

// Public holidays of a district's state, from the AGS prefix (14 -> Saxony).

const STATE_OF_AGS_PREFIX: Record<string, string> = {
  '01': 'SH',
  '02': 'HH',
  '03': 'NI',
  '04': 'HB',
  '05': 'NW',
  '06': 'HE',
  '07': 'RP',
  '08': 'BW',
  '09': 'BY',
  '10': 'SL',
  '11': 'BE',
  '12': 'BB',
  '13': 'MV',
  '14': 'SN',
  '15': 'ST',
  '16': 'TH',
};

const calendars = new Map<string, Holidays>();

/** The name of the public holiday on that day in the state, or null. */
export function publicHoliday(at: Date, stateCode: string): string | null {
  const state = STATE_OF_AGS_PREFIX[stateCode];
  if (!state) return null;
  let calendar = calendars.get(state);
  if (!calendar) {
    calendar = new Holidays('DE', state, { timezone: TIME_ZONE, types: ['public'] });
    calendars.set(state, calendar);
  }
  const found = calendar.isHoliday(at);
  return found ? (found.find((h) => h.type === 'public')?.name ?? null) : null;
}
