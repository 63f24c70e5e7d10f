// botbuilder 4.23.3 sends activities through @azure/core-client's serializer with the connector's Entity mapper,
// which lists only type, text and mentioned: every other entity field (the "AI generated" label, citations,
// streaminfo) is dropped on the wire (upstream botbuilder-js #4902, fixed on their branch, never released). Letting
// the mapper keep additional properties restores them. Applied once, when the adapter is created.
import * as ConnectorMappers from 'botframework-connector/lib/connectorApi/models/mappers';

interface CompositeType {
  additionalProperties?: { type: { name: string } };
}

export function keepEntityFieldsOnTheWire(): void {
  const type = (ConnectorMappers as unknown as { Entity: { type: CompositeType } }).Entity.type;
  if (!type.additionalProperties) type.additionalProperties = { type: { name: 'Object' } };
}
