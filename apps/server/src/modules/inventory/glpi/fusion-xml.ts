import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PonsError } from '../../../platform/errors.js';

/** A FusionInventory / OCS request: `<REQUEST><DEVICEID/><QUERY/><CONTENT/></REQUEST>`. */
export interface FusionRequest {
  query: string;
  deviceId: string;
  content: FusionContent | null;
}

/** A section of CONTENT: one or several elements of text fields (or nested sections). */
export type FusionSection = Record<string, unknown>;
export type FusionContent = Record<string, FusionSection[]>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // Every section under CONTENT may repeat (SOFTWARES, NETWORKS...): always a list.
  isArray: (_name, jpath) => typeof jpath === 'string' && /^REQUEST\.CONTENT\.[^.]+$/.test(jpath),
});

/** Parses the XML an agent sent; a malformed or truncated document is refused with the parser's reason. */
export function parseFusionRequest(xml: string): FusionRequest {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new PonsError('PONS_E_VALIDATION', `The inventory is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const root = (parser.parse(xml) as { REQUEST?: Record<string, unknown> }).REQUEST;
  if (!root || typeof root !== 'object') throw new PonsError('PONS_E_VALIDATION', 'The inventory has no <REQUEST> element.');
  const query = typeof root.QUERY === 'string' ? root.QUERY : '';
  if (!query) throw new PonsError('PONS_E_VALIDATION', 'The request says no <QUERY> (PROLOG or INVENTORY).');
  const content = root.CONTENT && typeof root.CONTENT === 'object' ? (root.CONTENT as FusionContent) : null;
  return { query, deviceId: typeof root.DEVICEID === 'string' ? root.DEVICEID : '', content };
}

/** A text field of a section, or undefined when empty. */
export function text(section: FusionSection | undefined, field: string): string | undefined {
  const value = section?.[field];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A whole number field (sizes in MB, counts), or undefined. */
export function integer(section: FusionSection | undefined, field: string): number | undefined {
  const value = text(section, field);
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  return Math.round(Number(value));
}
