// Text from the tenant's data shown inside a markdown message is escaped, so a name can't become a link or markup.

const MARKDOWN_SPECIALS = /[\\`*_[\]()<>#~|]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (c) => `\\${c}`);
}
