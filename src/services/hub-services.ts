import type { HubConfig } from '../config.js';
import type { GraphStore } from '../domain/ports/graph-store.port.js';
import type { RuleSettings } from '../domain/rules.js';
import { AccessService } from './access/access.js';
import { ChatIdentities } from './chat/chat-identities.js';
import { Analytics } from './analysis/analytics.js';
import { ContactFinder } from './reads/contacts.js';
import { TopicExperts } from './reads/topic-experts.js';
import { NameIndex } from './reads/name-index.js';
import { NetworkEvents } from './reads/network-events.js';
import { NetworkGraph } from './analysis/network-graph.js';
import { NetworkLayouts } from './analysis/network-layout.js';
import { NetworkWriter } from './writes/network-writer.js';
import { NetworkReviser } from './lifecycle/network-reviser.js';
import { Handover } from './lifecycle/handover.js';
import { Suggestions } from '../features/suggestions/suggestions.js';
import { SuggestionDigest } from '../features/suggestions/suggestion-digest.js';
import { DueChanges } from '../features/scheduled-changes/due-changes.js';
import { ScheduledChanges } from '../features/scheduled-changes/scheduled-changes.js';
import { ChangeUndo } from '../features/undo/undo.js';
import { RecordMerger } from './lifecycle/record-merger.js';
import { ChangeProposals } from '../features/proposals/proposals.js';
import { Statistics } from './analysis/statistics.js';
import { DistrictOversight } from '../features/requests/district-oversight.js';
import { YearlyCheck } from './lifecycle/yearly-check.js';
import type { Notifier } from './chat/notifiers.js';
import { withReadCache } from './reads/read-cache.js';
import { RequestRouter } from '../features/requests/request-router.js';
import { MeetingPlanner } from '../features/meetings/meetings.js';
import { PersonalData } from './access/personal-data.js';
import { CalendarFeeds } from '../features/meetings/calendar-feeds.js';
import { Minutes } from '../features/minutes/minutes.js';
import { MinutesLinks } from '../features/minutes/minutes-links.js';
import { ArticleLinks } from '../features/knowledge/article-links.js';
import { KnowledgeBase } from '../features/knowledge/knowledge-base.js';
import { FundingCalls } from '../features/funding/funding-calls.js';
import { AdviceOffers } from '../features/advice/advice-offers.js';
import { ProjectRegistry } from '../features/projects/project-registry.js';
import { DatePolls } from '../features/meetings/date-polls.js';
import { DecisionPolls } from '../features/meetings/decision-polls.js';
import { PrivacyKeys } from './access/privacy-keys.js';
import { MailOutbox } from './mail/mail-outbox.js';
import { MailLinks } from './mail/mail-links.js';
import { MailNotifier, type MailSettings } from './mail/mail-notifier.js';
import type { NoticeWording } from './chat/notifiers.js';
import { MailActions } from './mail/mail-actions.js';
import { MailDigests } from './mail/mail-digests.js';
import { NotificationPreferences } from '../features/notifications/notification-settings.js';

// The services every interface shares, wired once per process over one store.

export interface HubServices {
  store: GraphStore;
  events: NetworkEvents;
  writer: NetworkWriter;
  /** Changes, ends and deletes what is stored. */
  reviser: NetworkReviser;
  /** Ends a coordinating role and hands its work over. */
  handover: Handover;
  /** Changes of the network scheduled for a later day. */
  scheduledChanges: ScheduledChanges;
  dueChanges: DueChanges;
  suggestions: Suggestions;
  suggestionDigest: SuggestionDigest;
  /** Taking back one's own changes of the network. */
  undo: ChangeUndo;
  /** Merges duplicates and municipalities. */
  merger: RecordMerger;
  /** Members' proposals for their own records, and the coordination's review queue. */
  proposals: ChangeProposals;
  names: NameIndex;
  contacts: ContactFinder;
  access: AccessService;
  network: NetworkGraph;
  layouts: NetworkLayouts;
  analytics: Analytics;
  /** Figures over time: requests, meetings, municipalities reached. */
  statistics: Statistics;
  /** The district coordination's view of every request of its districts. */
  oversight: DistrictOversight;
  /** Asks people once a year whether their entry is still right. */
  yearlyCheck: YearlyCheck;
  requests: RequestRouter;
  meetings: MeetingPlanner;
  datePolls: DatePolls;
  /** Questions put to a meeting while it runs; results go into the minutes. */
  decisionPolls: DecisionPolls;
  personalData: PersonalData;
  calendars: CalendarFeeds;
  minutes: Minutes;
  /** Articles of the network's know-how, and where each is read on the hub. */
  knowledge: KnowledgeBase;
  articleLinks: ArticleLinks;
  /** Funding calls with their deadlines, subscriptions and reminders. */
  funding: FundingCalls;
  /** What coordinators offer institutions, and asking for it. */
  advice: AdviceOffers;
  projects: ProjectRegistry;
  /** Who chat accounts are (links confirmed by coordinators or admins). */
  identities: ChatIdentities;
  /** Keyed pseudonyms, opaque ids and sealed cursors. */
  privacy: PrivacyKeys;
  /** What reaches each person where (chat, e-mail, digest, kinds). */
  notificationSettings: NotificationPreferences;
  /** E-mail to people outside the chat; null when no SMTP server is set (HUB_SMTP_URL). */
  mail: { outbox: MailOutbox; actions: MailActions; notifier: MailNotifier } | null;
}

export interface ServiceOptions {
  rules: RuleSettings;
  /** Hours before an unanswered request moves up (72 by default). */
  escalateAfterHours?: number;
  /** The clock; tests pass one they control. */
  now?: () => Date;
  events?: NetworkEvents;
  /** Base of the video service's room links for online meetings. */
  videoBaseUrl?: string | null;
  /** Hours before a meeting at which reminders go out (24 and 1 by default). */
  reminderHours?: readonly number[];
  /** Days before a funding deadline at which subscribers are reminded (28 and 7 by default). */
  fundingRemindDays?: readonly number[];
  /** Hours within which a change of the network can be taken back (24 by default). */
  undoHours?: number;
  /** Towns that met within this many months are not suggested to meet (12 by default). */
  suggestQuietMonths?: number;
  /** Keys from the hub's secret (loadHubSecret); a random one for a process of its own (tests). */
  privacy?: PrivacyKeys;
  /** Where people reach the hub (HUB_PUBLIC_URL), for links in messages. */
  publicUrl?: string;
  /** Sends notifications by e-mail too (to people not in the chat); the links in them last `linkDays`. */
  mail?: MailSettings & { linkDays: number; wording: NoticeWording };
}

/**
 * The services' settings as every process on a store takes them from its configuration (the
 * hub, the console chat), so what one process writes is worded, linked and mailed as the other would.
 */
export function serviceOptionsFrom(config: HubConfig, privacy: PrivacyKeys, wording: NoticeWording): ServiceOptions {
  return {
    rules: config.rules,
    escalateAfterHours: config.escalateAfterHours,
    videoBaseUrl: config.videoBaseUrl,
    reminderHours: config.reminderHours,
    fundingRemindDays: config.fundingRemindDays,
    undoHours: config.undoHours,
    suggestQuietMonths: config.suggestQuietMonths,
    privacy,
    publicUrl: config.publicUrl,
    ...(config.mail ? { mail: { ...config.mail, publicUrl: config.publicUrl, wording } } : {}),
  };
}

export function createServices(backingStore: GraphStore, options: ServiceOptions): HubServices {
  const { rules, escalateAfterHours = 72, now = () => new Date(), events = new NetworkEvents() } = options;
  const store = withReadCache(backingStore, events);
  const names = new NameIndex(store, events);
  const network = new NetworkGraph(store, events, now);
  const identities = new ChatIdentities(store, now, events);
  const planner = new MeetingPlanner(store, names, events, now, {
    videoBaseUrl: options.videoBaseUrl ?? null,
    ...(options.reminderHours ? { reminderHours: options.reminderHours } : {}),
  });
  const requests = new RequestRouter(store, names, { escalateAfterHours }, events, now);
  const reviser = new NetworkReviser(store, rules, events, now);
  const analytics = new Analytics(network, rules, now);
  const writer = new NetworkWriter(store, rules, events);
  const privacy = options.privacy ?? PrivacyKeys.random();
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1:4000';
  const minutes = new Minutes(store, now, new MinutesLinks(privacy, publicUrl, now));
  const scheduledChanges = new ScheduledChanges(store, reviser, (ids, notice) => planner.tell(ids, notice), now);
  const handover = new Handover(store, reviser, requests, planner, minutes, scheduledChanges, writer);
  const funding = new FundingCalls(store, names, now, options.fundingRemindDays);
  const datePolls = new DatePolls(store, planner, now);
  const suggestions = new Suggestions(
    store,
    network,
    analytics,
    { quietMonths: options.suggestQuietMonths ?? 12, waitingHours: escalateAfterHours / 2 },
    datePolls,
    now,
  );
  const merger = new RecordMerger(store, reviser, identities, now, events, scheduledChanges);
  const services: HubServices = {
    store,
    events,
    writer,
    reviser,
    handover,
    scheduledChanges,
    undo: new ChangeUndo(store, reviser, { undoHours: options.undoHours ?? 24 }, now, (ids, since, dryRun) =>
      handover.routeBack(ids, since, dryRun),
    ),
    proposals: new ChangeProposals(store, writer, reviser, handover, now),
    merger,
    dueChanges: new DueChanges(store, scheduledChanges, handover, reviser, merger),
    names,
    contacts: new ContactFinder(names, new TopicExperts(events)),
    access: new AccessService(store, now, events, identities),
    identities,
    network,
    layouts: new NetworkLayouts(events),
    analytics,
    statistics: new Statistics(network, now, store),
    oversight: new DistrictOversight(store, network),
    suggestions,
    suggestionDigest: new SuggestionDigest(store, suggestions, now),
    yearlyCheck: new YearlyCheck(analytics, identities, (key) => store.coordination.claimOnce(key)),
    requests,
    meetings: planner,
    datePolls,
    decisionPolls: new DecisionPolls(store, minutes, now),
    personalData: new PersonalData(store, events, now),
    calendars: new CalendarFeeds(store, now),
    minutes,
    knowledge: new KnowledgeBase(store, names, now),
    articleLinks: new ArticleLinks(privacy, publicUrl, now),
    funding,
    advice: new AdviceOffers(store, names, requests, now),
    projects: new ProjectRegistry(store, writer, reviser, funding, names),
    privacy,
    notificationSettings: new NotificationPreferences(store),
    mail: null,
  };
  if (options.mail) services.mail = withMail(services, options.mail, now);
  return services;
}

/** The outbox and its notifier, registered with every service that tells people things. */
function withMail(
  services: HubServices,
  settings: MailSettings & { linkDays: number; wording: NoticeWording },
  now: () => Date,
): NonNullable<HubServices['mail']> {
  const outbox = new MailOutbox(services.store, settings.fromAddress.split('@')[1] ?? 'hub.invalid', now);
  const links = new MailLinks(services.privacy, settings.publicUrl, settings.linkDays, now);
  const notifier = new MailNotifier(
    services.store,
    services.identities,
    outbox,
    links,
    settings,
    services.notificationSettings,
    new MailDigests(services.store, now),
    settings.wording,
  );
  for (const service of notifyingServices(services)) service.addNotifier(notifier);
  const actions = new MailActions(
    links,
    services.store,
    services.identities,
    services.requests,
    services.meetings,
    services.notificationSettings,
  );
  return { outbox, actions, notifier };
}

/** The services that tell people things: chat transports (or the outbox) register with each. */
export function notifyingServices(
  services: HubServices,
): { addNotifier(n: Notifier): void; removeNotifier(n: Notifier): void }[] {
  return [
    services.requests,
    services.meetings,
    services.minutes,
    services.identities,
    services.proposals,
    services.yearlyCheck,
    services.funding,
    services.suggestions,
  ];
}
