import type {
  Alliance,
  District,
  Entity,
  FundingProgram,
  Institution,
  Municipality,
  Person,
  Project,
  Topic,
} from '../src/domain/model.js';
import { builder } from './builder.js';

// References to the node types, declared once so type files can point at each other.

export const DistrictRef = builder.objectRef<District>('District');
export const MunicipalityRef = builder.objectRef<Municipality>('Municipality');
export const PersonRef = builder.objectRef<Person>('Person');
export const AllianceRef = builder.objectRef<Alliance>('Alliance');
export const InstitutionRef = builder.objectRef<Institution>('Institution');
export const TopicRef = builder.objectRef<Topic>('Topic');
export const FundingProgramRef = builder.objectRef<FundingProgram>('FundingProgram');
export const ProjectRef = builder.objectRef<Project>('Project');

/** An entity returned as a Node: the relay plugin reads __typename to tell which type it is. */
export function asNode<E extends Entity>(entity: E | null): (E & { __typename: E['kind'] }) | null {
  return entity ? { ...entity, __typename: entity.kind } : null;
}
