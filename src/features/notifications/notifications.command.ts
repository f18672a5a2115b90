import { NotAllowed } from '../../domain/errors.js';
import {
  KIND_NAMES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationSettings,
} from './domain/notifications.js';
import { defineCommand, parsed, unparsable } from '../../../bots/core/command.js';
import { reply } from '../../../bots/core/reply.js';

// `!benachrichtigungen`: what reaches me where. Without words it shows the settings; with them it
// changes one: e-mail on/off/auto, chat on/off, a daily or weekly digest, or a kind of mail.

type Change =
  | { show: true }
  | { email: NotificationSettings['email'] }
  | { chat: boolean }
  | { digest: NotificationSettings['digest'] }
  | { kind: NotificationKind; muted: boolean };

const ON = /^(an|ein|on)$/i;
const OFF = /^(aus|off)$/i;
const KIND_WORDS: Record<string, NotificationKind> = {
  anfragen: 'requests',
  requests: 'requests',
  treffen: 'meetings',
  meetings: 'meetings',
  protokolle: 'minutes',
  minutes: 'minutes',
  aufgaben: 'minutes',
  netzwerk: 'network',
  network: 'network',
  foerderung: 'funding',
  förderung: 'funding',
  funding: 'funding',
};

export const notificationsCommand = defineCommand({
  name: { de: 'benachrichtigungen', en: 'notifications' },
  summary: {
    de: 'was Sie wo erreicht: Chat, E-Mail, Zusammenfassung, Arten',
    en: 'what reaches you where: chat, e-mail, digest, kinds',
  },
  usage: {
    de: '!benachrichtigungen [email an|aus|auto · chat an|aus · zusammenfassung täglich|wöchentlich|aus · anfragen|treffen|protokolle|netzwerk|foerderung an|aus]',
    en: '!notifications [email on|off|auto · chat on|off · digest daily|weekly|off · requests|meetings|minutes|network|funding on|off]',
  },
  example: { de: '!benachrichtigungen zusammenfassung täglich', en: '!notifications digest daily' },
  options: [
    {
      name: { de: 'einstellung', en: 'setting' },
      description: { de: 'z. B. „email an“ oder „treffen aus“', en: 'e.g. "email on" or "meetings off"' },
      required: false,
      rest: true,
    },
  ],
  uses: ['notificationSettings'],
  parse: (args) => {
    const [what, value, extra] = args.map((a) => a.toLowerCase());
    if (!what) return parsed<Change>({ show: true });
    if (!value || extra) return unparsable;
    if (/^(e-?mail|mail)$/.test(what)) {
      if (ON.test(value)) return parsed<Change>({ email: 'ALWAYS' });
      if (OFF.test(value)) return parsed<Change>({ email: 'NEVER' });
      if (value === 'auto') return parsed<Change>({ email: 'AUTO' });
      return unparsable;
    }
    if (what === 'chat' && (ON.test(value) || OFF.test(value))) return parsed<Change>({ chat: ON.test(value) });
    if (/^(zusammenfassung|digest)$/.test(what)) {
      if (/^(täglich|taeglich|daily)$/.test(value)) return parsed<Change>({ digest: 'DAILY' });
      if (/^(wöchentlich|woechentlich|weekly)$/.test(value)) return parsed<Change>({ digest: 'WEEKLY' });
      if (OFF.test(value) || /^(sofort|immediately)$/.test(value)) return parsed<Change>({ digest: 'NONE' });
      return unparsable;
    }
    const kind = KIND_WORDS[what];
    if (kind && (ON.test(value) || OFF.test(value))) return parsed<Change>({ kind, muted: OFF.test(value) });
    return unparsable;
  },
  run: async (change, context, deps) => {
    const personId = context.viewer.personId;
    if (!personId)
      throw new NotAllowed(
        'choose notifications without a linked account',
        'ohne verknüpftes Konto keine Benachrichtigungen einstellen',
      );
    const settings = deps.services.notificationSettings;
    if ('show' in change) return settings.of(personId);
    if ('kind' in change) return settings.mute(personId, change.kind, change.muted);
    return settings.change(personId, change);
  },
  render: (s, { language }) => {
    const de = language === 'de';
    const email = {
      AUTO: de ? 'nur solange Sie nicht im Chat sind' : 'only while you are not in the chat',
      ALWAYS: de ? 'an' : 'on',
      NEVER: de ? 'aus' : 'off',
    }[s.email];
    const digest = {
      NONE: de ? 'sofort' : 'at once',
      DAILY: de ? 'täglich um 7 Uhr' : 'daily at 7:00',
      WEEKLY: de ? 'montags um 7 Uhr' : 'Mondays at 7:00',
    }[s.digest];
    const kinds = NOTIFICATION_KINDS.filter((k) => k !== 'account')
      .map((k) => `${KIND_NAMES[k][language]} ${s.mutedKinds.includes(k) ? (de ? 'aus' : 'off') : de ? 'an' : 'on'}`)
      .join(', ');
    return reply(
      [
        `Chat: ${s.chat ? (de ? 'an' : 'on') : de ? 'aus' : 'off'}`,
        `E-Mail: ${email}`,
        `${de ? 'E-Mails kommen' : 'E-mails come'} ${digest}`,
        `${de ? 'E-Mails zu' : 'E-mails about'}: ${kinds}`,
      ],
      { title: de ? 'Ihre Benachrichtigungen' : 'Your notifications', privateDetails: true },
    );
  },
});
