import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const manifestText = readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8');

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Json;
};
const asArray = (value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value;
};
const asString = (value: unknown): string => {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
};

const manifest = asRecord(JSON.parse(manifestText));
const bots = asArray(manifest.bots).map(asRecord);

describe('appPackage/manifest.json', () => {
  it('names a schema version that matches manifestVersion', () => {
    const schema = asString(manifest.$schema);
    const version = asString(manifest.manifestVersion);
    expect(schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
    const [major, minor] = version.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
  });

  it('has the required top-level fields within Teams limits', () => {
    expect(asString(manifest.version)).toMatch(/^\d+\.\d+\.\d+$/);
    const developer = asRecord(manifest.developer);
    expect(asString(developer.name).length).toBeGreaterThan(0);
    expect(asString(developer.name).length).toBeLessThanOrEqual(32);
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      expect(new URL(asString(developer[key])).protocol).toBe('https:');
    }
    const name = asRecord(manifest.name);
    expect(asString(name.short).length).toBeLessThanOrEqual(30);
    expect(asString(name.full).length).toBeLessThanOrEqual(100);
    const description = asRecord(manifest.description);
    expect(asString(description.short).length).toBeLessThanOrEqual(80);
    expect(asString(description.full).length).toBeLessThanOrEqual(4000);
    expect(asString(manifest.accentColor)).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(asRecord(manifest.icons)).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('uses Teams Toolkit placeholders for the app id, bot id and domain, nothing hard-coded', () => {
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(bots).toHaveLength(1);
    expect(bots[0]?.botId).toBe('${{BOT_ID}}');
    expect(manifest.validDomains).toEqual(['${{BOT_DOMAIN}}']);
    // Teams SSO: Teams issues the user's token to the bot's own Entra app (the on-behalf-of exchange starts from it).
    expect(manifest.webApplicationInfo).toEqual({ id: '${{BOT_ID}}', resource: 'api://botid-${{BOT_ID}}' });
    const names = [...manifestText.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]);
    expect(new Set(names)).toEqual(new Set(['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN']));
    expect(manifestText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it('offers the bot in personal chat, team channels and group chats', () => {
    expect(new Set(asArray(bots[0]?.scopes))).toEqual(new Set(['personal', 'team', 'groupChat']));
  });

  it("keeps no command menu: the packager adds it from the skill modules' sample prompts", () => {
    expect(bots[0]?.commandLists).toBeUndefined();
    expect(manifestText).not.toContain('"prompt"');
  });
});
