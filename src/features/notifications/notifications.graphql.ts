import { DIGESTS, NOTIFICATION_KINDS, type NotificationSettings } from './domain/notifications.js';
import { MAIL_PREFERENCES } from '../../services/mail/domain/mail.js';
import { NotAllowed } from '../../domain/errors.js';
import { builder } from '../../../schema/builder.js';
import { DOMAIN_ERRORS } from '../../../schema/types/errors.js';

// What reaches me where: chat on or off, e-mail (AUTO: only while I am not in the chat), a daily
// or weekly digest of mails, and kinds of mail I want none of. Only ever one's own.

const MailPreferenceEnum = builder.enumType('MailPreference', { values: MAIL_PREFERENCES });
const DigestEnum = builder.enumType('Digest', { values: DIGESTS });
const NotificationKindEnum = builder.enumType('NotificationKind', { values: NOTIFICATION_KINDS });

const NotificationSettingsType = builder.objectRef<NotificationSettings>('NotificationSettings').implement({
  fields: (t) => ({
    email: t.field({ type: MailPreferenceEnum, resolve: (s) => s.email }),
    chat: t.exposeBoolean('chat'),
    digest: t.field({ type: DigestEnum, resolve: (s) => s.digest }),
    mutedKinds: t.field({ type: [NotificationKindEnum], resolve: (s) => s.mutedKinds }),
  }),
});

const NotificationSettingsInput = builder.inputType('NotificationSettingsInput', {
  fields: (t) => ({
    email: t.field({ type: MailPreferenceEnum, required: false }),
    chat: t.boolean({ required: false }),
    digest: t.field({ type: DigestEnum, required: false }),
    mutedKinds: t.field({ type: [NotificationKindEnum], required: false }),
  }),
});

function me(personId: string | null): string {
  if (!personId)
    throw new NotAllowed(
      'choose notifications without a person (a token of a person)',
      'ohne Person keine Benachrichtigungen einstellen',
    );
  return personId;
}

builder.queryField('myNotificationSettings', (t) =>
  t.field({
    type: NotificationSettingsType,
    description: 'What reaches me where.',
    resolve: (_r, _a, ctx) => ctx.services.notificationSettings.of(me(ctx.viewer.personId)),
  }),
);

builder.mutationField('setNotificationSettings', (t) =>
  t.field({
    type: NotificationSettingsType,
    errors: DOMAIN_ERRORS,
    description: 'Changes what reaches me where; fields left out stay as they are.',
    args: { input: t.arg({ type: NotificationSettingsInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.services.notificationSettings.change(me(ctx.viewer.personId), {
        ...(input.email ? { email: input.email } : {}),
        ...(typeof input.chat === 'boolean' ? { chat: input.chat } : {}),
        ...(input.digest ? { digest: input.digest } : {}),
        ...(input.mutedKinds ? { mutedKinds: input.mutedKinds } : {}),
      }),
  }),
);
