// The same graph, as the Neo4j GraphQL Library sees it: type definitions over the labels and
// relationship types the hub's Neo4j adapter writes. Read as they are; no privacy rules.

export const REFERENCE_TYPE_DEFS = /* GraphQL */ `
  type District @node(labels: ["District", "Entity"]) {
    id: ID!
    ags: String
    name: String!
    municipalities: [Municipality!]! @relationship(type: "PART_OF", direction: IN)
    roles: [RoleAssignment!]! @relationship(type: "IN", direction: IN)
  }

  type Municipality @node(labels: ["Municipality", "Entity"]) {
    id: ID!
    name: String!
    districtAgs: String
    population: Int
    servedBy: [Person!]! @relationship(type: "SERVES", direction: IN)
    alliances: [Alliance!]! @relationship(type: "ACTIVE_IN", direction: IN)
  }

  type Person @node(labels: ["Person", "Entity"]) {
    id: ID! @id
    name: String!
    channelsJson: String
    roles: [RoleAssignment!]! @relationship(type: "HOLDS", direction: OUT)
    serves: [Municipality!]! @relationship(type: "SERVES", direction: OUT)
    cooperatesWith: [Municipality!]! @relationship(type: "COOPERATES_WITH", direction: OUT, properties: "Link")
  }

  type Link @relationshipProperties {
    id: ID!
    since: String
    note: String
    until: String
  }

  type RoleAssignment @node {
    id: ID!
    role: String!
    person: [Person!]! @relationship(type: "HOLDS", direction: IN)
  }

  type Alliance @node(labels: ["Alliance", "Entity"]) {
    id: ID!
    name: String!
    topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT)
  }

  type Topic @node(labels: ["Topic", "Entity"]) {
    id: ID!
    name: String!
    nameEn: String
  }
`;
