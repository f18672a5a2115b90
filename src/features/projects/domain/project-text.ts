import type { Project, ProjectStatus } from '../../../domain/model.js';

// A project as a short German text to pass on: what a KIK sends a new mayor or a partner.

const STATUS: Record<ProjectStatus, string> = {
  IDEA: 'Idee',
  APPLIED: 'Förderung beantragt',
  RUNNING: 'läuft',
  FINISHED: 'abgeschlossen',
};

const germanDay = (day: string) => day.split('-').reverse().join('.');

export function projectText(project: Project, place: string): string {
  const period =
    project.startsOn || project.endsOn
      ? ` (${project.startsOn ? germanDay(project.startsOn) : '…'} – ${project.endsOn ? germanDay(project.endsOn) : '…'})`
      : '';
  const lines = [`${project.name}: ${place}, ${STATUS[project.status]}${period}`];
  if (project.aims) lines.push(`Ziele: ${project.aims}`);
  if (project.results) lines.push(`Ergebnisse: ${project.results}`);
  return lines.join('\n');
}
