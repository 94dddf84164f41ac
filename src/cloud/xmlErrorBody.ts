// Bundled in place of @alicloud/tea-xml (xml2js, xmlbuilder and sax: a third of the bundle). The client reads XML
// only for error bodies served as text/xml, and those are flat <Error><Code>…</Code>…</Error> documents.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]);
}

/** Reads the leaf elements of an XML error body into the `{ Error: {...} }` shape the client expects. */
function parseXml(body: string): { Error: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const match of body.matchAll(/<([A-Za-z][\w.-]*)>([^<]*)<\/\1>/g)) fields[match[1]] = decode(match[2].trim());
  return { Error: fields };
}

export default { parseXml };
