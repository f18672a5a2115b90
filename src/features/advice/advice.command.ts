import type { InstitutionType } from '../../domain/model.js';
import type { AdviceOffer } from './domain/advice-offers.js';
import type { HubRequest } from '../requests/domain/requests.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply, type Inline } from '../../../bots/core/reply.js';

// `!beratung [Institutionstyp|Thema]`: what the coordination of one's districts offers
// institutions (an intercultural training for the job centre, an interpreting pool for
// hospitals); `!beratung anfragen <Angebot> <Text>`: asks for one (a request to whoever offers it).

const ASK = new Set(['anfragen', 'request', 'ask']);

type Action = { kind: 'find'; query: string | null } | { kind: 'ask'; offer: string; text: string };
type Result =
  | { kind: 'find'; query: string | null; offers: { offer: AdviceOffer; provider: string | null }[] }
  | { kind: 'ask'; request: HubRequest; offer: AdviceOffer };

const TYPE_NAMES: Record<InstitutionType, { de: string; en: string }> = {
  POLICE: { de: 'Polizei', en: 'police' },
  EMPLOYMENT_AGENCY: { de: 'Arbeitsagentur', en: 'employment agency' },
  JOBCENTER: { de: 'Jobcenter', en: 'job centre' },
  HOSPITAL: { de: 'Krankenhäuser', en: 'hospitals' },
  SCHOOL: { de: 'Schulen', en: 'schools' },
  WELFARE: { de: 'Wohlfahrtsverbände', en: 'welfare organisations' },
  AUTHORITY: { de: 'Behörden', en: 'authorities' },
  OTHER: { de: 'andere', en: 'others' },
};

const shortId = (id: string) => id.slice(id.indexOf(':') + 1);

export const adviceCommand = defineCommand({
  name: { de: 'beratung', en: 'advice' },
  summary: {
    de: 'Beratungsangebote der Koordination für Institutionen finden und anfragen',
    en: "find and ask for the coordination's advice offers for institutions",
  },
  usage: {
    de: '!beratung [Institutionstyp|Thema] | !beratung anfragen <Angebot> <Text>',
    en: '!advice [institution type|topic] | !advice request <offer> <text>',
  },
  example: { de: '!beratung Jobcenter', en: '!advice job centre' },
  options: [
    {
      name: { de: 'suche', en: 'query' },
      description: { de: 'Institutionstyp oder Thema', en: 'institution type or topic' },
      required: false,
      rest: true,
    },
  ],
  uses: ['advice'],
  parse: (args) => {
    const [first, offer, ...text] = args;
    if (first && ASK.has(first.toLowerCase()))
      return offer && text.length ? parsed<Action>({ kind: 'ask', offer, text: text.join(' ') }) : unparsable;
    return parsed<Action>({ kind: 'find', query: args.length ? args.join(' ') : null });
  },
  run: async (action, context, deps): Promise<Result> => {
    if (action.kind === 'ask') {
      const id = action.offer.startsWith('advice:') ? action.offer : `advice:${action.offer}`;
      const offer = await deps.services.advice.byId(id);
      return { kind: 'ask', offer, request: await deps.services.advice.ask(id, action.text, context.viewer) };
    }
    const offers = await deps.services.advice.find(action.query, context.viewer);
    const providers = await Promise.all(offers.map((o) => deps.directory.entityOfKind(o.providerId, 'Person')));
    return {
      kind: 'find',
      query: action.query,
      offers: offers.map((offer, i) => ({ offer, provider: providers[i]?.name ?? null })),
    };
  },
  render: (result, { language }) => {
    const de = language === 'de';
    if (result.kind === 'ask')
      return reply([
        de
          ? `Ihre Anfrage ${result.request.id} zu „${result.offer.title}“ ist unterwegs; Sie hören, sobald sie angenommen ist.`
          : `Your request ${result.request.id} about "${result.offer.title}" is on its way; you will hear once it is accepted.`,
      ]);
    if (!result.offers.length)
      return reply([
        de
          ? `Keine Beratungsangebote${result.query ? ` zu „${result.query}“` : ''} in Ihrem Kreis.`
          : `No advice offers${result.query ? ` about "${result.query}"` : ''} in your district.`,
      ]);
    const lines: Inline[][] = [
      [
        de
          ? `Beratungsangebote${result.query ? ` zu „${result.query}“` : ''}:`
          : `Advice offers${result.query ? ` about "${result.query}"` : ''}:`,
      ],
    ];
    result.offers.slice(0, 10).forEach(({ offer, provider }, i) => {
      lines.push([
        `${i + 1}. `,
        { bold: offer.title },
        ` – ${provider ? `${de ? 'von' : 'by'} ${provider}; ` : ''}${de ? 'für' : 'for'} ${offer.institutionTypes.map((t) => TYPE_NAMES[t][language]).join(', ')}`,
      ]);
      lines.push([`   ${offer.description.replace(/\s+/g, ' ').slice(0, 160)}`]);
      lines.push([
        `   ${de ? 'Anfragen' : 'Ask'}: `,
        {
          code: `!${de ? 'beratung anfragen' : 'advice request'} ${shortId(offer.id)} <${de ? 'Ihr Anliegen' : 'your request'}>`,
        },
      ]);
    });
    return reply(lines);
  },
});
