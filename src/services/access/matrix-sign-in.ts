import { NotAllowed } from '../../domain/errors.js';
import type { AccessService } from './access.js';
import type { ChatIdentities } from '../chat/chat-identities.js';

// The map inside a Matrix room (a widget) signs its viewer in without any secret in its URL:
// the widget asks the Matrix client for an OpenID token, the hub has the homeserver say whose
// it is, and the confirmed chat link says which person that is.

/** Asks the homeserver whose OpenID token this is: a Matrix user id, or null for none. */
export type OpenIdVerifier = (accessToken: string) => Promise<string | null>;

export const WIDGET_SESSION_HOURS = 8;

export class MatrixSignIn {
  constructor(
    private readonly verify: OpenIdVerifier,
    private readonly identities: ChatIdentities,
    private readonly access: AccessService,
  ) {}

  async signIn(openIdToken: string): Promise<{ token: string; expiresAt: string }> {
    const refused = new NotAllowed('sign in with this Matrix account', 'sich mit diesem Matrix-Konto nicht anmelden');
    if (!/^[\w.~+/=-]{1,500}$/.test(openIdToken)) throw refused;
    const userId = await this.verify(openIdToken);
    if (!userId) throw refused;
    const viewer = await this.identities.viewerFor({ transport: 'matrix', userId });
    if (!viewer.personId || !viewer.access) {
      throw new NotAllowed(
        'sign in before your Matrix account is linked to your person and confirmed (tell the bot who you are in a direct chat)',
        'sich erst anmelden, wenn Ihr Matrix-Konto mit Ihrer Person verknüpft und bestätigt ist (sagen Sie dem Bot im Direktchat, wer Sie sind)',
      );
    }
    const { secret, expiresAt } = await this.access.createSession(
      viewer.personId,
      { transport: 'matrix', userId },
      WIDGET_SESSION_HOURS,
    );
    return { token: secret, expiresAt };
  }
}
