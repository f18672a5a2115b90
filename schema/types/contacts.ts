import type { Contact, ContactRole } from '../../src/services/reads/contacts.js';
import { parseDay } from '../../src/services/writes/inputs.js';
import { builder } from '../builder.js';
import { AllianceRef, InstitutionRef, PersonRef } from '../refs.js';

const ContactRoleEnum = builder.enumType('ContactRole', {
  values: [
    'KIK',
    'KOORDINATIONSKRAFT',
    'BEAUFTRAGTE',
    'EXPERT',
    'INSTITUTION_CONTACT',
    'ALLIANCE',
  ] satisfies ContactRole[],
});

const ContactType = builder.objectRef<Contact>('Contact').implement({
  description: "Someone to ask, and why. A person's channels are those the caller may see.",
  fields: (t) => ({
    role: t.field({ type: ContactRoleEnum, resolve: (c) => c.role }),
    reason: t.exposeString('reason'),
    person: t.field({ type: PersonRef, nullable: true, resolve: (c) => c.person }),
    alliance: t.field({ type: AllianceRef, nullable: true, resolve: (c) => c.alliance }),
    institution: t.field({ type: InstitutionRef, nullable: true, resolve: (c) => c.institution }),
  }),
});

builder.queryField('contacts', (t) =>
  t.field({
    type: [ContactType],
    description:
      'Whom to ask in a municipality, optionally on a topic. Names match forgivingly; an unknown name is an error (MUNICIPALITY_NOT_FOUND, TOPIC_NOT_FOUND) whose extensions list the closest names.',
    args: {
      municipality: t.arg.string({ required: true }),
      topic: t.arg.string({ required: false }),
      at: t.arg.string({
        required: false,
        description: 'YYYY-MM-DD: whom one asked on that day (roles and links that held then).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const directory = args.at ? ctx.directory.at(parseDay('at', args.at)) : ctx.directory;
      return (await ctx.services.contacts.find(directory, args.municipality, args.topic ?? null, ctx.language))
        .contacts;
    },
  }),
);
