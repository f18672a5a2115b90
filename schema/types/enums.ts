import {
  CHANNEL_KINDS,
  DISTRICT_KINDS,
  ENTITY_KINDS,
  FUNDING_LEVELS,
  INSTITUTION_TYPES,
  LINK_TYPES,
  PROJECT_STATUSES,
  ROLES,
  VISIBILITIES,
} from '../../src/domain/model.js';
import { builder } from '../builder.js';

export const DistrictKindEnum = builder.enumType('DistrictKind', { values: DISTRICT_KINDS });
export const VisibilityEnum = builder.enumType('Visibility', { values: VISIBILITIES });
export const ChannelKindEnum = builder.enumType('ChannelKind', { values: CHANNEL_KINDS });
export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const InstitutionTypeEnum = builder.enumType('InstitutionType', { values: INSTITUTION_TYPES });
export const FundingLevelEnum = builder.enumType('FundingLevel', { values: FUNDING_LEVELS });
export const LinkTypeEnum = builder.enumType('LinkType', { values: LINK_TYPES });
export const ProjectStatusEnum = builder.enumType('ProjectStatus', { values: PROJECT_STATUSES });
export const EntityKindEnum = builder.enumType('EntityKind', { values: ENTITY_KINDS });
