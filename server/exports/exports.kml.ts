/**
 * KML 2.2 for Google Earth, Ovital (奥维) and GIS tools. Every text goes through xmlText: markup
 * characters are escaped, and characters XML 1.0 cannot carry at all (most control characters)
 * are dropped, since no escape would make them legal.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(v: unknown): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface KmlPlacemark {
  name: string;
  description: string;
  lng: number;
  lat: number;
  data: Record<string, unknown>;
}

export function toKml(documentName: string, placemarks: readonly KmlPlacemark[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">', '<Document>', `<name>${xmlText(documentName)}</name>`];
  for (const p of placemarks) {
    const data = Object.entries(p.data).map(([k, v]) => `<Data name="${xmlText(k)}"><value>${xmlText(v)}</value></Data>`).join('');
    out.push(`<Placemark><name>${xmlText(p.name)}</name><description>${xmlText(p.description)}</description><ExtendedData>${data}</ExtendedData><Point><coordinates>${p.lng},${p.lat}</coordinates></Point></Placemark>`);
  }
  out.push('</Document>', '</kml>');
  return out.join('\n') + '\n';
}
