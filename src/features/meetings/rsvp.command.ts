import type { RsvpAnswer } from './domain/meetings.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';
import { scopeOption, withScope } from '../../../bots/commands/scope.js';

const ANSWERS: Record<string, RsvpAnswer> = {
  ja: 'YES',
  yes: 'YES',
  nein: 'NO',
  no: 'NO',
  vielleicht: 'MAYBE',
  maybe: 'MAYBE',
};

export const rsvpCommand = defineCommand({
  name: { de: 'zusage', en: 'rsvp' },
  summary: { de: 'antwortet auf eine Einladung', en: 'answers an invitation' },
  usage: { de: '!zusage <Treffen> ja|nein|vielleicht [--reihe]', en: '!rsvp <meeting> yes|no|maybe [--series]' },
  example: { de: '!zusage meeting:ab12cd34 ja', en: '!rsvp meeting:ab12cd34 yes' },
  options: [
    {
      name: { de: 'treffen', en: 'meeting' },
      description: { de: 'Kennung des Treffens', en: 'meeting id' },
      required: true,
    },
    {
      name: { de: 'antwort', en: 'answer' },
      description: { de: 'ja, nein oder vielleicht', en: 'yes, no or maybe' },
      required: true,
      choices: ['ja', 'nein', 'vielleicht'],
    },
    scopeOption,
  ],
  uses: ['meetings'],
  parse: (args) => {
    const { words, scope } = withScope(args);
    const answer = ANSWERS[words[1]?.toLowerCase() ?? ''];
    if (words.length !== 2 || !answer) return unparsable;
    return parsed({ id: words[0]!.startsWith('meeting:') ? words[0]! : `meeting:${words[0]}`, answer, scope });
  },
  run: (args, context, deps) => deps.services.meetings.rsvp(args.id, args.answer, context.viewer, args.scope),
  render: (meeting, { language }) =>
    reply([
      language === 'de'
        ? `Danke, Ihre Antwort zu „${meeting.title}“ ist gespeichert.`
        : `Thanks, your answer for "${meeting.title}" is saved.`,
    ]),
});
