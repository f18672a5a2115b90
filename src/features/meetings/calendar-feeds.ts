import { createHash, randomBytes } from 'node:crypto';
import type { Viewer } from '../../services/access/domain/access.js';
import { NotAllowed } from '../../domain/errors.js';
import type { CoordinationStore, MeetingStore } from '../../domain/ports/graph-store.port.js';
import { calendarIcs } from './meeting-ics.js';
import { STATE } from '../../domain/ports/state-slots.js';

// A personal calendar feed: a secret address per person that Outlook or Thunderbird subscribe
// to, listing the meetings they organise or are invited to. Making a new one or revoking it
// ends the old address. Only the secret's hash is stored.

const PREFIX = 'cal_';
const feedKey = (hash: string) => STATE.calendarFeed.key(hash);
const ownerKey = (personId: string) => STATE.calendarFeedOf.key(personId);
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** The feed also shows the past month, so a meeting just held does not vanish at once. */
const PAST_DAYS = 30;

export class CalendarFeeds {
  constructor(
    private readonly store: { readonly meetings: MeetingStore } & { readonly coordination: CoordinationStore },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new secret feed path for the viewer; an older one stops working. */
  async create(viewer: Viewer): Promise<string> {
    const personId = this.owner(viewer);
    await this.revoke(viewer);
    const secret = `${PREFIX}${randomBytes(24).toString('base64url')}`;
    await this.store.coordination.setState(feedKey(hashOf(secret)), { personId, createdAt: this.now().toISOString() });
    await this.store.coordination.setState(ownerKey(personId), hashOf(secret));
    return `/calendar/${secret}.ics`;
  }

  /** Ends the viewer's feed; false when there was none. */
  async revoke(viewer: Viewer): Promise<boolean> {
    const personId = this.owner(viewer);
    const hash = await this.store.coordination.getState<string>(ownerKey(personId));
    if (!hash) return false;
    await this.store.coordination.deleteState(feedKey(hash));
    await this.store.coordination.deleteState(ownerKey(personId));
    return true;
  }

  /** The calendar behind a secret, or null for an unknown or revoked one. */
  async feed(secret: string): Promise<string | null> {
    if (!secret.startsWith(PREFIX) || secret.length > 100) return null;
    const entry = await this.store.coordination.getState<{ personId: string }>(feedKey(hashOf(secret)));
    if (!entry) return null;
    const from = new Date(this.now().getTime() - PAST_DAYS * 86_400_000).toISOString();
    const meetings = await this.store.meetings.meetingsOf([entry.personId], from, '9999-12-31T00:00:00.000Z');
    // A series is one event with its rule: all its dates are needed for its exceptions.
    const seriesIds = [...new Set(meetings.filter((m) => m.series).map((m) => m.series!.id))];
    const ofSeries = seriesIds.length ? await this.store.meetings.meetingsOfSeries(seriesIds) : [];
    return calendarIcs([...meetings.filter((m) => !m.series), ...ofSeries], 'Integration: Treffen');
  }

  private owner(viewer: Viewer): string {
    if (!viewer.personId)
      throw new NotAllowed(
        'have a calendar feed without a linked account',
        'ohne verknüpftes Konto keinen Kalender abonnieren',
      );
    return viewer.personId;
  }
}
