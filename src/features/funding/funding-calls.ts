import { Feed } from 'feed';
import { createEvents, type EventAttributes } from 'ics';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Viewer } from '../../services/access/domain/access.js';
import { ImportRowInvalid, NotAllowed, NotFound } from '../../domain/errors.js';
import { FUNDING_LEVELS, type Topic } from '../../domain/model.js';
import type { CoordinationStore, NetworkStore } from '../../domain/ports/graph-store.port.js';
import { matchTopic, topicNamed } from '../../domain/topic-match.js';
import { hasControlCharacters } from '../../domain/text.js';
import type { NameIndex } from '../../services/reads/name-index.js';
import { districtsOfPerson } from '../../services/reads/districts-of.js';
import { berlinDay } from '../meetings/when.js';
import { APPLICANT_KINDS, daysBetween, isOpen, openTo, type FundingCall } from './domain/funding-calls.js';
import { checkImportScope } from './domain/import-scope.js';
import type { FundingStore } from './domain/funding-store.port.js';
import { CLAIMS } from '../../domain/ports/state-slots.js';
import { Telling } from '../../services/chat/telling.js';

// Funding calls: listed open for the asker's district and topics, soonest deadline first;
// subscribers of a topic are reminded some days before a deadline, each reminder once (a claim
// written with its notices); imported all or nothing from CSV or JSON; public calls of a topic as
// an ICS calendar of deadlines and an Atom feed.

/** Days before a deadline at which subscribers are reminded, unless configured (HUB_FUNDING_REMIND_DAYS). */
const FUNDING_REMIND_DAYS = [28, 7];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CallRow = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{3,60}$/, 'id: 3 to 60 of a-z, 0-9 and -'),
    title: z.string().trim().min(3).max(200),
    funder: z.string().trim().min(2).max(200),
    level: z.enum(FUNDING_LEVELS),
    topics: z.string().trim().min(1, 'topics: at least one'),
    eligible: z.string().trim().min(1, 'eligible: at least one of MUNICIPALITY, ALLIANCE, INSTITUTION'),
    amountMin: z.coerce.number().int().nonnegative().optional(),
    amountMax: z.coerce.number().int().positive().optional(),
    coFinancingPercent: z.coerce.number().min(0).max(100).optional(),
    url: z
      .string()
      .url()
      .refine((u) => /^https?:/.test(u), 'url: http or https')
      .optional(),
    opensOn: z.string().regex(DAY, 'opensOn: a day like 2027-01-31'),
    closesOn: z.string().regex(DAY, 'closesOn: a day like 2027-03-31'),
    stateCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    districtAgs: z.string().optional(),
    public: z.union([z.boolean(), z.enum(['true', 'false', 'ja', 'nein'])]).optional(),
    demo: z.union([z.boolean(), z.enum(['true', 'false', 'ja', 'nein'])]).optional(),
    programmeId: z.string().optional(),
  })
  .refine((r) => r.opensOn <= r.closesOn, 'closesOn: not before opensOn')
  .refine((r) => r.amountMin === undefined || r.amountMax === undefined || r.amountMin <= r.amountMax, {
    message: 'amountMax: not below amountMin',
  });

const yes = (value: boolean | string | undefined, otherwise: boolean) =>
  value === undefined ? otherwise : value === true || value === 'true' || value === 'ja';
const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);

export class FundingCalls extends Telling {
  constructor(
    private readonly store: NetworkStore & { readonly coordination: CoordinationStore } & {
      readonly funding: FundingStore;
    },
    private readonly names: NameIndex,
    private readonly now: () => Date = () => new Date(),
    private readonly remindDays: readonly number[] = FUNDING_REMIND_DAYS,
  ) {
    super(store, 'funding', now);
  }

  /** Today in Berlin, by the service's clock. */
  today(): string {
    return berlinDay(this.now());
  }

  /** Calls open today that the viewer may see and apply for (their districts), of a topic, soonest deadline first. */
  async open(viewer: Viewer, topic?: string | null): Promise<FundingCall[]> {
    const today = berlinDay(this.now());
    const topicId = topic ? (await this.topic(topic)).id : null;
    const districts = await this.districtsOf(viewer);
    return (await this.all())
      .filter((c) => isOpen(c, today) && (c.public || viewer.access !== null))
      .filter((c) => !topicId || c.topicIds.includes(topicId))
      .filter((c) => districts === null || openTo(c, districts))
      .sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.title.localeCompare(b.title));
  }

  /** Every call the viewer may see (public ones; all of them for members of the network), open or not. */
  async visibleTo(viewer: Viewer): Promise<FundingCall[]> {
    return (await this.all()).filter((c) => c.public || viewer.access !== null);
  }

  async byId(id: string, viewer: Viewer): Promise<FundingCall> {
    const call = await this.store.funding.fundingCallById(id);
    if (!call || (!call.public && viewer.access === null)) throw new NotFound('FundingCall', id);
    return call;
  }

  async subscribe(viewer: Viewer, topic: string): Promise<Topic[]> {
    const personId = this.personOf(viewer);
    const found = await this.topic(topic);
    const current = await this.store.funding.followedTopics(personId);
    const topicIds = [...new Set([...current, found.id])];
    await this.store.funding.setFollowedTopics(personId, topicIds);
    return this.topicsOf(topicIds);
  }

  async unsubscribe(viewer: Viewer, topic: string): Promise<Topic[]> {
    const personId = this.personOf(viewer);
    const found = await this.topic(topic);
    const current = await this.store.funding.followedTopics(personId);
    const topicIds = current.filter((id) => id !== found.id);
    await this.store.funding.setFollowedTopics(personId, topicIds);
    return this.topicsOf(topicIds);
  }

  async subscriptions(viewer: Viewer): Promise<Topic[]> {
    const personId = this.personOf(viewer);
    return this.topicsOf(await this.store.funding.followedTopics(personId));
  }

  /**
   * Reminds subscribers of the calls' topics, in the districts a call is open to, of deadlines
   * coming in one of the reminder days; each reminder once per call, person and lead time (a
   * call entered late gets the nearest lead time only). Answers how many went out.
   */
  async remindDue(): Promise<number> {
    const today = berlinDay(this.now());
    const leads = [...this.remindDays].sort((a, b) => a - b);
    const calls = (await this.all()).filter((c) => c.closesOn >= today && c.opensOn <= today);
    if (!calls.length) return 0;
    const subscriptions = await this.store.funding.followers();
    let sent = 0;
    for (const call of calls) {
      const daysLeft = daysBetween(today, call.closesOn);
      const lead = leads.find((l) => daysLeft <= l);
      if (lead === undefined) continue;
      for (const { personId, topicIds } of subscriptions) {
        if (!topicIds.some((id) => call.topicIds.includes(id))) continue;
        if (!openTo(call, await districtsOfPerson(this.store, personId))) continue;
        const notices = this.notices.entries([
          {
            personId,
            notice: {
              type: 'fundingDeadline',
              callId: call.id,
              title: call.title,
              funder: call.funder,
              closesOn: call.closesOn,
              daysLeft,
              url: call.url,
            },
          },
        ]);
        if (
          !(await this.store.coordination.claimOnce(
            CLAIMS.fundingReminder.key(call.id, call.closesOn, personId, String(lead)),
            notices,
          ))
        )
          continue;
        await this.notices.deliver(notices);
        sent++;
      }
    }
    return sent;
  }

  /**
   * Imports calls from CSV (a header line, then one call per line) or JSON (an array): all of
   * them or, at the first broken row, none (the error names its line). Answers how many.
   */
  async import(text: string, format: 'csv' | 'json', viewer: Viewer): Promise<number> {
    if (viewer.access !== 'ADMIN' && viewer.access !== 'DISTRICT_COORDINATOR')
      throw new NotAllowed('import funding calls', 'keine Förderaufrufe einlesen');
    const rows = format === 'json' ? this.jsonRows(text) : this.csvRows(text);
    const topics = await this.names.topics();
    const calls = rows.map(({ line, row }) => {
      const parsed = CallRow.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ImportRowInvalid(
          line,
          `${issue.path.join('.') || ''}${issue.path.length ? ': ' : ''}${issue.message}`,
        );
      }
      const r = parsed.data;
      for (const [field, text] of [
        ['title', r.title],
        ['funder', r.funder],
      ] as const)
        if (hasControlCharacters(text))
          throw new ImportRowInvalid(
            line,
            `${field}: must be plain text without control characters.`,
            `${field === 'title' ? 'Titel' : 'Fördergeber'}: nur reiner Text ohne Steuerzeichen.`,
          );
      const topicIds = list(r.topics).map((name) => {
        const found = topics.find((t) => t.id === name) ?? matchTopic(name, topics).match;
        if (!found) throw new ImportRowInvalid(line, `topic "${name}" is not known.`);
        return found.id;
      });
      const eligible = list(r.eligible).map((kind) => {
        const upper = kind.toUpperCase();
        if (!(APPLICANT_KINDS as readonly string[]).includes(upper))
          throw new ImportRowInvalid(line, `eligible: "${kind}" is none of ${APPLICANT_KINDS.join(', ')}.`);
        return upper as FundingCall['eligible'][number];
      });
      const call: FundingCall = {
        id: r.id,
        programmeId: r.programmeId ?? null,
        title: r.title,
        funder: r.funder,
        level: r.level,
        topicIds,
        eligible,
        amountMin: r.amountMin ?? null,
        amountMax: r.amountMax ?? null,
        coFinancingPercent: r.coFinancingPercent ?? null,
        url: r.url ?? null,
        opensOn: r.opensOn,
        closesOn: r.closesOn,
        stateCode: r.stateCode ?? null,
        districtAgs: list(r.districtAgs),
        public: yes(r.public, true),
        demo: yes(r.demo, false),
      };
      return call;
    });
    const ids = new Set<string>();
    rows.forEach(({ line }, i) => {
      if (ids.has(calls[i]!.id))
        throw new ImportRowInvalid(
          line,
          `id "${calls[i]!.id}" appears twice.`,
          `Die Kennung „${calls[i]!.id}“ steht zweimal in der Datei.`,
        );
      ids.add(calls[i]!.id);
    });
    const stored = new Map((await this.all()).map((c) => [c.id, c]));
    rows.forEach(({ line }, i) => checkImportScope(calls[i]!, stored.get(calls[i]!.id), viewer, line));
    // One transaction: every call of the file, or none.
    await this.store.funding.saveFundingCalls(calls);
    return calls.length;
  }

  /** The deadlines of a topic's public calls (or all public calls) as an ICS calendar. */
  async deadlinesIcs(topic: string | null): Promise<string> {
    const calls = await this.publicOf(topic);
    const events: EventAttributes[] = calls.map((c) => {
      const [year, month, day] = c.closesOn.split('-').map(Number) as [number, number, number];
      return {
        uid: `${c.id}@integration-hub`,
        title: `Frist: ${c.title}`,
        description: `${c.funder}${c.url ? `\n${c.url}` : ''}${c.demo ? '\n(Demodaten)' : ''}`,
        start: [year, month, day],
        duration: { days: 1 },
        ...(c.url ? { url: c.url } : {}),
        productId: 'integration-hub/funding',
      };
    });
    const { error, value } = createEvents(events.length ? events : [], { calName: 'Förderfristen' });
    if (error || !value) throw error ?? new Error('no calendar');
    return value;
  }

  /** A topic's public calls (or all public calls) as an Atom feed, newest deadline first. */
  async atom(topic: string | null, feedUrl: string): Promise<string> {
    const calls = (await this.publicOf(topic)).reverse();
    const feed = new Feed({
      title: 'Förderaufrufe',
      id: feedUrl,
      link: feedUrl,
      copyright: '',
      updated: this.now(),
      language: 'de',
    });
    for (const c of calls)
      feed.addItem({
        title: `${c.title} (Frist ${c.closesOn.split('-').reverse().join('.')})`,
        id: `urn:integration-hub:${c.id}`,
        link: c.url ?? feedUrl,
        date: new Date(`${c.opensOn}T00:00:00Z`),
        description: `${c.funder}${c.demo ? ' (Demodaten)' : ''}`,
      });
    return feed.atom1();
  }

  private async publicOf(topic: string | null): Promise<FundingCall[]> {
    const today = berlinDay(this.now());
    const topicId = topic ? (await this.topic(topic)).id : null;
    return (await this.all())
      .filter((c) => c.public && c.closesOn >= today && (!topicId || c.topicIds.includes(topicId)))
      .sort((a, b) => a.closesOn.localeCompare(b.closesOn));
  }

  private async all(): Promise<FundingCall[]> {
    return this.store.funding.allFundingCalls();
  }

  private async districtsOf(viewer: Viewer): Promise<Set<string> | null> {
    if (!viewer.personId) return viewer.districtAgs ? new Set([viewer.districtAgs]) : null;
    const districts = await districtsOfPerson(this.store, viewer.personId, viewer.districtAgs);
    return districts.size ? districts : null;
  }

  private personOf(viewer: Viewer): string {
    if (!viewer.personId)
      throw new NotAllowed('subscribe without a linked account', 'ohne verknüpftes Konto nichts abonnieren');
    return viewer.personId;
  }

  private async topic(name: string): Promise<Topic> {
    return topicNamed(name, await this.names.topics());
  }

  private async topicsOf(ids: readonly string[]): Promise<Topic[]> {
    const topics = await this.names.topics();
    return ids.map((id) => topics.find((t) => t.id === id)).filter((t): t is Topic => t !== undefined);
  }

  private jsonRows(text: string): { line: number; row: Record<string, unknown> }[] {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ImportRowInvalid(1, `not JSON (${(error as Error).message}).`);
    }
    if (!Array.isArray(data)) throw new ImportRowInvalid(1, 'a JSON array of calls is expected.');
    return data.map((row, i) => ({
      line: i + 1,
      row: Object.fromEntries(
        Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]),
      ),
    }));
  }

  private csvRows(text: string): { line: number; row: Record<string, unknown> }[] {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 1;
      throw new ImportRowInvalid(line, 'the CSV cannot be read here.');
    }
    return records.map(({ record, info }) => ({
      line: info.lines,
      row: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')),
    }));
  }
}
