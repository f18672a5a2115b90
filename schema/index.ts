import { builder } from './builder.js';
import './types/enums.js';
import './types/errors.js';
import './types/district.js';
import './types/municipality.js';
import './types/person.js';
import './types/actors.js';
import './types/search.js';
import './types/contacts.js';
import './types/link.js';
import './types/token.js';
import './types/network.js';
import './types/analytics.js';
import './types/connections.js';
import './types/subscriptions.js';
import './types/request.js';
import './types/meeting.js';

export const schema = builder.toSchema({ sortSchema: true });
