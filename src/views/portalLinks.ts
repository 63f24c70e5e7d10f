// The one list of places a link from the data may send a user: the Azure portal of the public and sovereign clouds,
// by exact host, over https. Any other link from data is dropped; the text around it stays.

/** Exact hosts: a suffix match would let anyone with a *.cloudapp.azure.com (or similar) host in. */
export const AZURE_PORTAL_HOSTS: readonly string[] = [
  'portal.azure.com', // Azure (public)
  'portal.azure.us', // Azure Government
  'portal.azure.cn', // Azure operated by 21Vianet (China)
];

/** The link itself when it is an https URL on an Azure portal host (no credentials, default port); '' otherwise. */
export function safePortalLink(link: string | undefined): string {
  if (!link) return '';
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return '';
  return AZURE_PORTAL_HOSTS.includes(url.hostname.toLowerCase()) ? url.toString() : '';
}

// [label](target) as Teams' markdown reads it, then bare links (with a scheme, or starting www.).
const MARKDOWN_LINK = /\[([^\]\n]*)\]\(\s*<?[^)\s>]*>?(?:\s+"[^"]*")?\s*\)/g;
const BARE_LINK = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()[\]]+/gi;
const AUTO_LINK = /<(?:[a-z][a-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/gi;

/** Text from data with every link removed: a markdown link keeps its label, a bare or <auto> link disappears. */
export function withoutLinks(text: string): string {
  if (!/[:[<]|www\./i.test(text)) return text;
  return text
    .replace(MARKDOWN_LINK, (_m, label: string) => label)
    .replace(AUTO_LINK, '')
    .replace(BARE_LINK, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
