/**
 * Leaflet inserts attribution strings as HTML. The string comes from server config, not from
 * users, but a tile URL's attribution is copy-pasted from provider docs, so keep only text
 * and plain http(s) links rather than trusting whatever was pasted.
 */
export function sanitizeAttribution(html: string): string {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.createElement('span');
  const copy = (from: Node): void => {
    for (const node of Array.from(from.childNodes)) {
      const href = node instanceof Element && node.localName === 'a' ? node.getAttribute('href') ?? '' : '';
      if (/^https?:\/\//i.test(href)) {
        const a = document.createElement('a');
        a.href = href;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        a.textContent = node.textContent;
        out.appendChild(a);
      } else if (node.nodeType === Node.TEXT_NODE) {
        out.appendChild(document.createTextNode(node.textContent ?? ''));
      } else {
        copy(node);
      }
    }
  };
  copy(parsed.body);
  return out.innerHTML;
}
