import type { Alliance, District, FundingProgram, Institution, Municipality, Person, Topic } from '../src/domain/model.js';
import { builder } from './builder.js';

// References to the node types, declared once so type files can point at each other.

export const DistrictRef = builder.objectRef<District>('District');
export const MunicipalityRef = builder.objectRef<Municipality>('Municipality');
export const PersonRef = builder.objectRef<Person>('Person');
export const AllianceRef = builder.objectRef<Alliance>('Alliance');
export const InstitutionRef = builder.objectRef<Institution>('Institution');
export const TopicRef = builder.objectRef<Topic>('Topic');
export const FundingProgramRef = builder.objectRef<FundingProgram>('FundingProgram');
