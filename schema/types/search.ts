import { ENTITY_KINDS, type Entity } from '../../src/domain/model.js';
import { SEARCH_MAX_RESULTS } from '../../src/services/directory.js';
import { builder } from '../builder.js';
import { AllianceRef, DistrictRef, FundingProgramRef, InstitutionRef, MunicipalityRef, PersonRef, TopicRef } from '../refs.js';

const EntityKindEnum = builder.enumType('EntityKind', { values: ENTITY_KINDS });

const SearchResult = builder.unionType('SearchResult', {
  types: [DistrictRef, MunicipalityRef, PersonRef, AllianceRef, InstitutionRef, TopicRef, FundingProgramRef],
  resolveType: (entity: Entity) => entity.kind,
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchResult],
    description: 'Everything whose name contains the text, ignoring case and umlaut spelling; exact and prefix matches first.',
    args: {
      text: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum], required: false }),
      limit: t.arg.int({ required: false, defaultValue: 20, description: `At most ${SEARCH_MAX_RESULTS}.` }),
    },
    resolve: (_root, args, ctx) => ctx.directory.search(args.text, args.kinds ?? null, args.limit ?? 20),
  }),
);
