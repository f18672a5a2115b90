import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, demoHub, gql, type TestHub } from '../../support/hub.js';

const CONTACTS = `query ($m: String!, $t: String) {
  contacts(municipality: $m, topic: $t) { role reason person { name channels { channel } } alliance { name } }
}`;

describe('contacts: whom do I ask', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await demoHub();
  });

  it('answers for a kreisfreie Stadt: its Koordinationskraft, institution contacts and alliances (issue 21, finding 4)', async () => {
    const { data, errors } = await gql(hub.yoga, CONTACTS, { m: 'Leipzig' });
    expect(errors).toBeUndefined();
    const roles = data!.contacts.map((c: { role: string }) => c.role);
    expect(roles[0]).toBe('KOORDINATIONSKRAFT');
    expect(data!.contacts[0].reason).toBe('Koordinationskraft Integration des Kreises Leipzig');
    expect(roles).toContain('INSTITUTION_CONTACT');
    expect(roles).toContain('ALLIANCE');
    expect(roles).not.toContain('KIK');
    const dresden = await gql(hub.yoga, CONTACTS, { m: 'Dresdn', t: 'Wohnen' });
    expect(dresden.errors).toBeUndefined();
    expect(dresden.data!.contacts.map((c: { role: string }) => c.role)).toContain('KOORDINATIONSKRAFT');
  });

  it('names the KIK serving the town, the district coordination, experts and alliances, with reasons', async () => {
    const { data } = await gql(hub.yoga, CONTACTS, { m: 'Radebeul', t: 'Arbeitsmarkt' });
    const roles = data!.contacts.map((c: { role: string }) => c.role);
    expect(roles.slice(0, 3)).toEqual(['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE']);
    expect(roles).toContain('INSTITUTION_CONTACT');
    expect(roles).toContain('ALLIANCE');
    expect(data!.contacts[0].reason).toBe('Kommunale Integrationskoordination für Radebeul');
    expect(data!.contacts.find((c: { role: string }) => c.role === 'INSTITUTION_CONTACT').reason).toBe(
      'Ansprechperson einer Institution für Arbeitsmarkt',
    );
  });

  it('matches names forgivingly and answers in English on request', async () => {
    const { data } = await gql(hub.yoga, CONTACTS, { m: 'radbeul', t: 'labour market' }, { 'accept-language': 'en' });
    expect(data!.contacts[0].reason).toBe('Municipal integration coordinator serving Radebeul');
  });

  it('offers the closest names for an unknown municipality', async () => {
    const { errors } = await gql(hub.yoga, CONTACTS, { m: 'Radeb' });
    const [error] = errors!;
    expect(error!.extensions!.code).toBe('MUNICIPALITY_NOT_FOUND');
    expect(error!.extensions!.suggestions!.slice(0, 2)).toEqual(['Radeberg', 'Radebeul']);
    expect(error!.message).toMatch(/^Die Gemeinde "Radeb" ist nicht bekannt\. Meinten Sie: Radeberg, Radebeul, /);
  });

  it('shows each caller only the channels they may see', async () => {
    const anonymous = await gql(hub.yoga, CONTACTS, { m: 'Radebeul' });
    expect(anonymous.data!.contacts[0].person.channels).toEqual([]);
    const member = await gql(
      hub.yoga,
      CONTACTS,
      { m: 'Radebeul' },
      bearer(await hub.token('VOLUNTEER', 'person:demo-14627-alliance-1-volunteer-1')),
    );
    expect(member.data!.contacts[0].person.channels).toEqual([{ channel: 'EMAIL' }]);
    const coordinator = await gql(hub.yoga, CONTACTS, { m: 'Radebeul' }, bearer(await hub.token('COORDINATOR')));
    expect(coordinator.data!.contacts[0].person.channels).toEqual([{ channel: 'EMAIL' }, { channel: 'PHONE' }]);
  });
});
