import { isCoordinatingRole } from '../../domain/model.js';
import type { NetworkStore } from '../../domain/ports/graph-store.port.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';
import { SYSTEM } from '../../services/access/domain/authorization.js';
import { districtId } from '../../domain/ids.js';
import { berlinDay } from '../meetings/when.js';
import type { NotificationSettingsStore } from '../notifications/domain/notification-settings-store.port.js';
import type { Suggestions } from './suggestions.js';

// The suggestions' section of the digest: once a week every KIK and Koordinationskraft of a
// district with open suggestions who chose a digest (`!benachrichtigungen zusammenfassung …`) is
// told its three best, which their digest then holds. Claimed per person and week with the notice
// in one write, so it goes out once and a crash after the claim still delivers it.

const IN_SECTION = 3;

export class SuggestionDigest {
  constructor(
    private readonly store: NetworkStore & { readonly notificationSettings: NotificationSettingsStore },
    /** Also who tells: the digest's notices go out like the suggestions' steps, once per claim. */
    private readonly suggestions: Suggestions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sends this week's section to whoever has not had it yet; answers to how many people. */
  async sendDue(): Promise<number> {
    const week = weekOf(this.now());
    let told = 0;
    for (const district of await this.store.listDistricts()) {
      const found = (await this.suggestions.forDistrict(SYSTEM, district.ags)).slice(0, IN_SECTION);
      if (found.length === 0) continue;
      const [towns] = await this.store.municipalitiesOfDistricts([district.ags]);
      const scopes = [districtId(district.ags), ...(towns ?? []).map((t) => t.id)];
      const people = [
        ...new Set(
          (await this.store.rolesInScopes(scopes))
            .flat()
            .filter((r) => !r.until && isCoordinatingRole(r.role))
            .map((r) => r.personId),
        ),
      ];
      if (people.length === 0) continue;
      const ids = [...new Set(found.flatMap((s) => [...s.subjectIds, ...s.topicIds, ...s.peopleIds]))];
      const names = Object.fromEntries(
        (await this.store.entitiesByIds(ids)).filter((e) => e !== null).map((e) => [e.id, e.name]),
      );
      const notice = { type: 'suggestionsWeekly' as const, suggestions: found, names };
      for (const personId of people) {
        const settings = await this.store.notificationSettings.notificationSettings(personId);
        if (!settings || settings.digest === 'NONE') continue;
        if (await this.suggestions.tellOnce(CLAIMS.suggestionDigest.key(personId, week), [{ personId, notice }]))
          told++;
      }
    }
    return told;
  }
}

/** The Monday (Berlin) of the week a moment falls in, YYYY-MM-DD: the week's key. */
function weekOf(at: Date): string {
  const day = berlinDay(at);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  const monday = new Date(`${day}T12:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - ((weekday + 6) % 7));
  return monday.toISOString().slice(0, 10);
}
