import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationKind,
  type NotificationSettings,
} from './domain/notifications.js';
import type { NotificationSettingsStore } from './domain/notification-settings-store.port.js';
import type { HubNotice } from '../../services/chat/notifiers.js';
import type { InvitationNotifier } from '../meetings/meetings.js';

// Each person's choice of what reaches them where (a record per person who changed the defaults),
// read by the mail transport and, through `honouringChatSettings`, by the chat transports.

export class NotificationPreferences {
  constructor(private readonly store: { readonly notificationSettings: NotificationSettingsStore }) {}

  async of(personId: string): Promise<NotificationSettings> {
    return {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      ...(await this.store.notificationSettings.notificationSettings(personId)),
    };
  }

  async change(personId: string, patch: Partial<NotificationSettings>): Promise<NotificationSettings> {
    const next = { ...(await this.of(personId)), ...patch };
    next.mutedKinds = [...new Set(next.mutedKinds)].sort();
    await this.store.notificationSettings.saveNotificationSettings(personId, next);
    return next;
  }

  async mute(personId: string, kind: NotificationKind, muted: boolean): Promise<NotificationSettings> {
    const { mutedKinds } = await this.of(personId);
    return this.change(personId, {
      mutedKinds: muted ? [...mutedKinds, kind] : mutedKinds.filter((k) => k !== kind),
    });
  }

  async forget(personId: string): Promise<void> {
    await this.store.notificationSettings.forgetNotificationSettings(personId);
  }
}

/** A chat transport that leaves out the people who turned chat notifications off. */
export function honouringChatSettings(
  notifier: InvitationNotifier,
  preferences: NotificationPreferences,
): InvitationNotifier {
  const wants = async (personId: string) => (await preferences.of(personId)).chat;
  return {
    notify: async (personId: string, notice: HubNotice, kind?: NotificationKind) => {
      if (await wants(personId)) await notifier.notify(personId, notice, kind);
    },
    ...(notifier.invite
      ? {
          invite: async (p, meeting, message) =>
            void ((await wants(p)) && (await notifier.invite!(p, meeting, message))),
        }
      : {}),
    ...(notifier.meetingUpdated
      ? {
          meetingUpdated: async (p, meeting, message) =>
            void ((await wants(p)) && (await notifier.meetingUpdated!(p, meeting, message))),
        }
      : {}),
    ...(notifier.offerDates
      ? {
          offerDates: async (p, poll, message) =>
            void ((await wants(p)) && (await notifier.offerDates!(p, poll, message))),
        }
      : {}),
    ...(notifier.meetingChanged ? { meetingChanged: (meeting) => notifier.meetingChanged!(meeting) } : {}),
    ...(notifier.datesFixed ? { datesFixed: (poll, meeting) => notifier.datesFixed!(poll, meeting) } : {}),
  } satisfies InvitationNotifier;
}
