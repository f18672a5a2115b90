import type { Viewer } from '../../../services/access/domain/access.js';
import { ImportRowInvalid } from '../../../domain/errors.js';
import type { FundingCall } from './funding-calls.js';

/**
 * An import writes each row as a single write would: a district coordinator only calls open to
 * their own district alone, and never over a call of anyone else's (an id that exists elsewhere).
 */
export function checkImportScope(
  call: FundingCall,
  stored: FundingCall | undefined,
  viewer: Viewer,
  line: number,
): void {
  if (viewer.access === 'ADMIN') return;
  const own = (c: FundingCall) => c.districtAgs.length > 0 && c.districtAgs.every((ags) => ags === viewer.districtAgs);
  if (stored && !own(stored))
    throw new ImportRowInvalid(
      line,
      `id "${call.id}" belongs to a call of another district or of the whole state; only admins change it.`,
      `Die Kennung „${call.id}“ gehört zu einem Aufruf eines anderen Kreises oder des ganzen Landes; ändern können ihn nur Admins.`,
    );
  if (!own(call))
    throw new ImportRowInvalid(
      line,
      `districtAgs: only your own district (${viewer.districtAgs ?? '–'}).`,
      `Kreis: nur Ihr eigener Kreis (${viewer.districtAgs ?? '–'}).`,
    );
}
