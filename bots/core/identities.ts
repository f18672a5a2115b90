// Chat identities are a service the bots and the map's widget sign-in share.
export { ChatIdentities, type ChatLink } from '../../src/services/chat/chat-identities.js';
