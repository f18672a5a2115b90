import type { Viewer } from '../../src/services/access/domain/access.js';
import { ENTITY_KINDS, type Entity } from '../../src/domain/model.js';
import { isPseudonymised } from '../../src/services/access/domain/privacy.js';
import { SEARCH_MAX_RESULTS } from '../../src/services/reads/directory.js';
import { builder } from '../builder.js';
import { EntityKindEnum } from './enums.js';
import {
  AllianceRef,
  DistrictRef,
  FundingProgramRef,
  InstitutionRef,
  MunicipalityRef,
  PersonRef,
  ProjectRef,
  TopicRef,
} from '../refs.js';

export const SearchResult = builder.unionType('SearchResult', {
  types: [
    DistrictRef,
    MunicipalityRef,
    PersonRef,
    AllianceRef,
    InstitutionRef,
    TopicRef,
    FundingProgramRef,
    ProjectRef,
  ],
  resolveType: (entity: Entity) => entity.kind,
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchResult],
    description:
      'Everything whose name contains the text, ignoring case and umlaut spelling; exact and prefix matches first.',
    args: {
      text: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum], required: false }),
      limit: t.arg.int({ required: false, defaultValue: 20, description: `At most ${SEARCH_MAX_RESULTS}.` }),
    },
    resolve: (_root, args, ctx) => {
      // Finding people by name would reveal names the caller may not see.
      const kinds = args.kinds ?? [...ENTITY_KINDS];
      const allowed = canSearchPeople(ctx.viewer) ? kinds : kinds.filter((k) => k !== 'Person');
      return ctx.directory.search(args.text, allowed, args.limit ?? 20);
    },
  }),
);

function canSearchPeople(viewer: Viewer): boolean {
  return viewer.access !== null && !isPseudonymised(viewer);
}
