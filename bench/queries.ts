// The six analyst queries, each in three forms answering the same question: the hub's GraphQL,
// the Neo4j GraphQL Library's GraphQL over the same data, and hand-written Cypher (the floor
// any GraphQL layer can reach). Parameters are picked from the seeded data by the harness.

export interface QueryParams {
  districtAgs: string;
  municipality: string;
  topic: string;
  search: string;
}

export interface BenchQuery {
  name: string;
  hub: (p: QueryParams) => string;
  reference: (p: QueryParams) => string;
  /** Cypher plus how its records become the same JSON the hub answers with. */
  cypher: string;
  mutation?: boolean;
}

export const QUERIES: BenchQuery[] = [
  {
    name: 'district with municipalities and coordinators',
    hub: (p) =>
      `{ district(ags: "${p.districtAgs}") { name municipalities { name } coordination { role person { name } } } }`,
    reference: (p) =>
      `{ districts(where: { ags: { eq: "${p.districtAgs}" } }) { name municipalities { name } roles(where: { role: { in: ["KIK", "KOORDINATIONSKRAFT", "BEAUFTRAGTE"] } }) { role person { name } } } }`,
    cypher: `MATCH (d:District {ags: $districtAgs})
      CALL (d) { OPTIONAL MATCH (m:Municipality)-[:PART_OF]->(d) RETURN collect({name: m.name}) AS municipalities }
      CALL (d) { OPTIONAL MATCH (p:Person)-[:HOLDS]->(r:RoleAssignment)-[:IN]->(d) WHERE r.role IN ['KIK', 'KOORDINATIONSKRAFT', 'BEAUFTRAGTE']
                 RETURN collect({role: r.role, person: {name: p.name}}) AS coordination }
      RETURN {district: {name: d.name, municipalities: municipalities, coordination: coordination}} AS data`,
  },
  {
    name: 'contacts for a municipality and topic',
    hub: (p) =>
      `{ contacts(municipality: "${p.municipality}", topic: "${p.topic}") { role person { name channels { channel value } } alliance { name } institution { name } } }`,
    reference: (p) =>
      `{ municipalities(where: { name: { eq: "${p.municipality}" } }) { name servedBy { name channelsJson } alliances(where: { topics: { some: { name: { eq: "${p.topic}" } } } }) { name } } }`,
    cypher: `MATCH (m:Municipality {name: $municipality})
      CALL (m) { OPTIONAL MATCH (k:Person)-[:SERVES]->(m) RETURN collect({role: 'KIK', person: {name: k.name, channels: k.channelsJson}, organisation: null}) AS kik }
      CALL (m) { OPTIONAL MATCH (a:Alliance)-[:ACTIVE_IN]->(m) WHERE EXISTS { (a)-[:ABOUT]->(:Topic {name: $topic}) }
                 RETURN collect({role: 'ALLIANCE', person: null, organisation: {name: a.name}}) AS alliances }
      RETURN {contacts: kik + alliances} AS data`,
  },
  {
    name: '2-hop network of a district',
    hub: (p) =>
      `{ network(districtAgs: "${p.districtAgs}", depth: 2) { nodes { id label type } edges { source target type weight } } }`,
    reference: (p) =>
      `{ districts(where: { ags: { eq: "${p.districtAgs}" } }) { id name municipalities { id name servedBy { id name serves { id name } } alliances { id name } } } }`,
    cypher: `MATCH (d:District {ags: $districtAgs})
      MATCH (d)<-[:PART_OF]-(m:Municipality)
      OPTIONAL MATCH (m)<-[:SERVES|ACTIVE_IN]-(a)
      OPTIONAL MATCH (a)-[:SERVES|ACTIVE_IN|COOPERATES_WITH]->(b)
      WITH collect(DISTINCT {id: m.id, label: m.name}) + collect(DISTINCT {id: a.id, label: a.name}) + collect(DISTINCT {id: b.id, label: b.name}) AS nodes,
           collect(DISTINCT {source: a.id, target: m.id}) + collect(DISTINCT {source: a.id, target: b.id}) AS edges
      RETURN {network: {nodes: nodes, edges: edges}} AS data`,
  },
  {
    name: 'search',
    hub: (p) =>
      `{ search(text: "${p.search}", kinds: [Municipality, Alliance, Institution], limit: 20) { __typename ... on Municipality { id name } ... on Alliance { id name } ... on Institution { id name } } }`,
    reference: (p) => `{ municipalities(where: { name: { contains: "${p.search}" } }, limit: 20) { id name } }`,
    cypher: `MATCH (e:Entity) WHERE e.nameKey CONTAINS toLower($search) AND (e:Municipality OR e:Alliance OR e:Institution)
      WITH e ORDER BY e.name LIMIT 20 RETURN {search: collect({id: e.id, name: e.name, type: e.kind})} AS data`,
  },
  {
    name: 'deep nested list',
    hub: (p) =>
      `{ municipalities(districtAgs: "${p.districtAgs}", first: 50) { edges { node { name servedBy { name roles { role } } alliances { name topics { name } } } } } }`,
    reference: (p) =>
      `{ municipalities(where: { districtAgs: { eq: "${p.districtAgs}" } }, limit: 50, sort: [{ name: ASC }]) { name servedBy { name roles { role } } alliances { name topics { name } } } }`,
    cypher: `MATCH (m:Municipality {districtAgs: $districtAgs}) WITH m ORDER BY m.name LIMIT 50
      CALL (m) { OPTIONAL MATCH (k:Person)-[:SERVES]->(m) OPTIONAL MATCH (k)-[:HOLDS]->(r:RoleAssignment)
                 WITH k, collect({role: r.role}) AS roles WHERE k IS NOT NULL RETURN collect({name: k.name, roles: roles}) AS servedBy }
      CALL (m) { OPTIONAL MATCH (a:Alliance)-[:ACTIVE_IN]->(m) OPTIONAL MATCH (a)-[:ABOUT]->(t:Topic)
                 WITH a, collect({name: t.name}) AS topics WHERE a IS NOT NULL RETURN collect({name: a.name, topics: topics}) AS alliances }
      RETURN {municipalities: {edges: collect({node: {name: m.name, servedBy: servedBy, alliances: alliances}})}} AS data`,
  },
  {
    name: 'mutation: add a person',
    mutation: true,
    hub: () =>
      `mutation { addPerson(input: { name: "Benchmark Person" }) { ... on MutationAddPersonSuccess { data { id name } } } }`,
    reference: () => `mutation { createPeople(input: [{ name: "Benchmark Person" }]) { people { id name } } }`,
    cypher: `CREATE (p:Entity:Person {id: 'person:' + randomUUID(), name: 'Benchmark Person', nameKey: 'benchmark person', kind: 'Person', languages: [], channelsJson: '[]', demo: false})
      RETURN {addPerson: {data: {id: p.id, name: p.name}}} AS data`,
  },
];
