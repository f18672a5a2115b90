import { NotAllowed } from '../../domain/errors.js';
import type { AccessService } from './access.js';
import type { ChatIdentities, Transport } from '../chat/chat-identities.js';

// The map shown inside a chat room (a widget) signs its viewer in without any secret in its URL:
// the widget asks the chat client for an OpenID token, the chat server says whose it is (the
// verifier the server layer supplies), and the confirmed chat link says which person that is.

/** Asks the chat server whose OpenID token this is: a chat user id, or null for none. */
export type OpenIdVerifier = (accessToken: string) => Promise<string | null>;

const WIDGET_SESSION_HOURS = 8;

export class ChatSignIn {
  constructor(
    private readonly transport: Transport,
    private readonly verify: OpenIdVerifier,
    private readonly identities: ChatIdentities,
    private readonly access: AccessService,
  ) {}

  async signIn(openIdToken: string): Promise<{ token: string; expiresAt: string }> {
    const refused = new NotAllowed('sign in with this chat account', 'sich mit diesem Chat-Konto nicht anmelden');
    if (!/^[\w.~+/=-]{1,500}$/.test(openIdToken)) throw refused;
    const userId = await this.verify(openIdToken);
    if (!userId) throw refused;
    const user = { transport: this.transport, userId };
    const viewer = await this.identities.viewerFor(user);
    if (!viewer.personId || !viewer.access) {
      throw new NotAllowed(
        'sign in before your chat account is linked to your person and confirmed (tell the bot who you are in a direct chat)',
        'sich erst anmelden, wenn Ihr Chat-Konto mit Ihrer Person verknüpft und bestätigt ist (sagen Sie dem Bot im Direktchat, wer Sie sind)',
      );
    }
    const { secret, expiresAt } = await this.access.createSession(viewer.personId, user, WIDGET_SESSION_HOURS);
    return { token: secret, expiresAt };
  }
}
