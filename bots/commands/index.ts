import type { Command } from '../core/command.js';
import { confirmCommand } from './confirm.command.js';
import { contactCommand } from './contact.command.js';
import { helpCommand } from './help.command.js';
import { languageCommand } from './language.command.js';
import { meCommand } from './me.command.js';
import { networkCommand } from './network.command.js';
import { statusCommand } from './status.command.js';
import { whoCommand } from './who.command.js';

/** The command table, in the order help lists it. */
export const COMMANDS: readonly Command[] = [helpCommand, contactCommand, whoCommand, networkCommand, meCommand, languageCommand, confirmCommand, statusCommand];
