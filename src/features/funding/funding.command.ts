import type { Topic } from '../../domain/model.js';
import { daysBetween, type FundingCall } from './domain/funding-calls.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply, type Inline } from '../../../bots/core/reply.js';

// `!foerderung [Thema]`: the funding calls open now for the asker's districts, soonest deadline
// first; `!foerderung abonnieren <Thema>` / `abbestellen <Thema>`: reminders before deadlines of
// a topic's calls (HUB_FUNDING_REMIND_DAYS); `!foerderung abos`: what one subscribed to.

const SHOWN = 10;
const SUBSCRIBE = new Set(['abonnieren', 'subscribe']);
const UNSUBSCRIBE = new Set(['abbestellen', 'unsubscribe']);
const SUBSCRIPTIONS = new Set(['abos', 'subscriptions']);

type Action =
  | { kind: 'list'; topic: string | null }
  | { kind: 'subscribe' | 'unsubscribe'; topic: string }
  | { kind: 'subscriptions' };

type Result =
  | { kind: 'list'; topic: string | null; calls: FundingCall[]; today: string }
  | { kind: 'subscribe' | 'unsubscribe' | 'subscriptions'; topics: Topic[]; topic: string | null };

/** The level a call's money comes from, as a word that cannot be read as the funder's kind ("Kreis Meißen (Land)"). */
const LEVELS: Record<FundingCall['level'], { de: string; en: string }> = {
  EU: { de: 'EU-Mittel', en: 'EU funds' },
  BUND: { de: 'Bundesmittel', en: 'federal funds' },
  LAND: { de: 'Landesmittel', en: 'state funds' },
  STIFTUNG: { de: 'Stiftungsmittel', en: 'foundation funds' },
};
const APPLICANTS = {
  MUNICIPALITY: { de: 'Gemeinden', en: 'municipalities' },
  ALLIANCE: { de: 'Bündnisse', en: 'alliances' },
  INSTITUTION: { de: 'Institutionen', en: 'institutions' },
};

const euros = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;

function amount(call: FundingCall, de: boolean): string | null {
  if (call.amountMin !== null && call.amountMax !== null) return `${euros(call.amountMin)}–${euros(call.amountMax)}`;
  if (call.amountMax !== null) return `${de ? 'bis' : 'up to'} ${euros(call.amountMax)}`;
  if (call.amountMin !== null) return `${de ? 'ab' : 'from'} ${euros(call.amountMin)}`;
  return null;
}

export const fundingCommand = defineCommand({
  name: { de: 'foerderung', en: 'funding' },
  summary: {
    de: 'offene Förderaufrufe mit Fristen; Erinnerungen je Thema abonnieren',
    en: 'open funding calls with their deadlines; subscribe to reminders per topic',
  },
  usage: {
    de: '!foerderung [Thema] | !foerderung abonnieren <Thema> | !foerderung abbestellen <Thema> | !foerderung abos',
    en: '!funding [topic] | !funding subscribe <topic> | !funding unsubscribe <topic> | !funding subscriptions',
  },
  example: { de: '!foerderung Wohnen', en: '!funding housing' },
  options: [
    {
      name: { de: 'thema', en: 'topic' },
      description: { de: 'ein Thema, z. B. Wohnen', en: 'a topic, e.g. housing' },
      required: false,
      rest: true,
      autocomplete: 'topic',
    },
  ],
  uses: ['funding'],
  parse: (args): ReturnType<typeof parsed<Action>> | typeof unparsable => {
    const [first, ...rest] = args;
    const word = first?.toLowerCase() ?? '';
    if (SUBSCRIPTIONS.has(word) && rest.length === 0) return parsed({ kind: 'subscriptions' });
    if (SUBSCRIBE.has(word) || UNSUBSCRIBE.has(word)) {
      if (!rest.length) return unparsable;
      return parsed({ kind: SUBSCRIBE.has(word) ? 'subscribe' : 'unsubscribe', topic: rest.join(' ') });
    }
    return parsed({ kind: 'list', topic: args.length ? args.join(' ') : null });
  },
  run: async (action: Action, context, deps): Promise<Result> => {
    const funding = deps.services.funding;
    if (action.kind === 'list')
      return {
        kind: 'list',
        topic: action.topic,
        calls: await funding.open(context.viewer, action.topic),
        today: funding.today(),
      };
    if (action.kind === 'subscriptions')
      return { kind: 'subscriptions', topics: await funding.subscriptions(context.viewer), topic: null };
    const topics =
      action.kind === 'subscribe'
        ? await funding.subscribe(context.viewer, action.topic)
        : await funding.unsubscribe(context.viewer, action.topic);
    return { kind: action.kind, topics, topic: action.topic };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.kind !== 'list') {
      const names = result.topics.map((t) => (de ? t.name : t.nameEn)).join(', ');
      const head =
        result.kind === 'subscribe'
          ? de
            ? 'Abonniert. Sie werden vor Fristen erinnert zu:'
            : 'Subscribed. You will be reminded of deadlines about:'
          : result.kind === 'unsubscribe'
            ? de
              ? 'Abbestellt. Erinnerungen bekommen Sie noch zu:'
              : 'Unsubscribed. You still get reminders about:'
            : de
              ? 'Ihre Abos:'
              : 'Your subscriptions:';
      return reply([`${head} ${names || '–'}`]);
    }
    if (!result.calls.length)
      return reply([
        de
          ? `Gerade ist kein Förderaufruf${result.topic ? ` zu „${result.topic}“` : ''} für Ihren Kreis offen.`
          : `No funding call${result.topic ? ` about "${result.topic}"` : ''} is open for your district right now.`,
      ]);
    const lines: Inline[][] = [
      [
        de
          ? `Offene Förderaufrufe${result.topic ? ` zu „${result.topic}“` : ''}, früheste Frist zuerst:`
          : `Open funding calls${result.topic ? ` about "${result.topic}"` : ''}, soonest deadline first:`,
      ],
    ];
    result.calls.slice(0, SHOWN).forEach((call, i) => {
      const left = daysBetween(result.today, call.closesOn);
      const deadline = call.closesOn.split('-').reverse().join('.');
      const details = [
        `${call.funder}, ${LEVELS[call.level][language]}`,
        de ? `Frist ${deadline} (noch ${left} Tage)` : `deadline ${deadline} (${left} days left)`,
        amount(call, de),
        call.coFinancingPercent !== null ? `${de ? 'Eigenanteil' : 'own share'} ${call.coFinancingPercent} %` : null,
        `${de ? 'für' : 'for'} ${call.eligible.map((e) => APPLICANTS[e][language]).join(', ')}`,
        call.demo ? (de ? 'Demodaten' : 'demo data') : null,
      ].filter(Boolean);
      lines.push([
        `${i + 1}. `,
        { bold: call.title },
        ` – ${details.join('; ')}`,
        ...(call.url ? [' ', { link: call.url, href: call.url }] : []),
      ]);
    });
    if (result.calls.length > SHOWN)
      lines.push([de ? `… und ${result.calls.length - SHOWN} weitere.` : `… and ${result.calls.length - SHOWN} more.`]);
    return reply(lines);
  },
});
