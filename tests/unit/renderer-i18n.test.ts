import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../db/contract/errors';
import { auditActions, auditTargetTypes } from '../../db/contract/auditActions';
import { roles } from '../../db/contract/permissions';
import { en, ja } from '../../renderer/i18n';

const root = path.resolve(import.meta.dirname, '../..');

function flatten(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const jaKeys = flatten(ja);
const enKeys = flatten(en);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('renderer translations', () => {
  it('ja and en have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...jaKeys.keys()].sort());
  });

  it('every message is a non-empty string', () => {
    for (const [lang, keys] of [['ja', jaKeys], ['en', enKeys]] as const) {
      for (const [key, value] of keys) expect(typeof value === 'string' && value.trim() !== '', `${lang} ${key}`).toBe(true);
    }
  });

  it('ja and en use the same interpolation variables', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of jaKeys) expect(vars(enKeys.get(key)), key).toEqual(vars(value));
  });

  it('has an errors.* message for every ErrorCode in both languages', () => {
    for (const code of errorCodes) {
      expect(jaKeys.has(`errors.${code}`), `ja errors.${code}`).toBe(true);
      expect(enKeys.has(`errors.${code}`), `en errors.${code}`).toBe(true);
    }
  });

  it('has every validation.* key the contract uses, in both languages', () => {
    const dir = path.join(root, 'db/contract');
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/['"`](validation\.[A-Za-z0-9_]+)['"`]/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const key of used) {
      expect(jaKeys.has(key), `ja ${key}`).toBe(true);
      expect(enKeys.has(key), `en ${key}`).toBe(true);
    }
  });

  it('has every message key the backend sends (literal validation.* and errors.* in db/)', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'db'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"](validation|errors)\.([A-Za-z0-9_.-]+)['"]/g)) used.add(`${m[1]}.${m[2]}`);
    }
    const missing = [...used].filter((key) => !jaKeys.has(key) || !enKeys.has(key));
    expect(missing).toEqual([]);
  });

  it('has a message for each separation-of-duties pair main may name', () => {
    const text = readFileSync(path.join(root, 'db/core/separationOfDuties.ts'), 'utf8');
    const pairs = /type DutyPair = ([^;]+);/.exec(text)?.[1]?.match(/'([^']+)'/g)?.map((p) => p.slice(1, -1)) ?? [];
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) expect(jaKeys.has(`errors.separationOfDuties.${pair}`), pair).toBe(true);
  });

  it('says what each role may do, in both languages, where a role is chosen', () => {
    for (const role of roles) {
      expect(jaKeys.has(`roles.${role}`), role).toBe(true);
      expect(jaKeys.has(`roleDescriptions.${role}`), role).toBe(true);
    }
    expect(readFileSync(path.join(root, 'renderer/screens/users/UserDialogs.tsx'), 'utf8').match(/roleDescriptions\./g)).toHaveLength(2);
  });

  it('has every literal key the renderer passes to t()', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(root, 'renderer'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_.]+)'/g)) if (!jaKeys.has(m[1]!)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
      for (const m of text.matchAll(/messageKey: '([A-Za-z0-9_.]+)'/g)) if (!jaKeys.has(m[1]!)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps Japanese out of the components (every UI string goes through i18next)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(root, 'renderer'))) {
      if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(code)) offenders.push(path.relative(root, file));
    }
    expect(offenders).toEqual([]);
  });

  it('keeps each locale file pure data (the backend imports ja/*.ts for its labels)', () => {
    for (const lang of ['ja', 'en']) {
      const dir = path.join(root, 'renderer/i18n', lang);
      for (const file of readdirSync(dir)) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        expect(/^import\b|\brequire\(/m.test(text), `${lang}/${file}`).toBe(false);
        expect(/^export const \w+ = \{$/m.test(text), `${lang}/${file}`).toBe(true);
      }
    }
  });

  it('has no message that neither the screens nor paper and CSV use', () => {
    // Keys main sends (errors, validation, recorded actions and target types) count as used;
    // so do the keys the backend's print and CSV code read from ja/ (db/print/labels.ts).
    const fromMain = ['errors.', 'validation.', 'auditActions.', 'targetTypes.', 'auditReasons.', 'auditVia.', 'auditPrintTarget.', 'auditFindings.', 'auditForms.', 'auditVerification.', 'auditWarnings.'];
    const literals = new Set<string>();
    const prefixes: string[] = [];
    for (const file of [...sourceFiles(path.join(root, 'renderer')), ...sourceFiles(path.join(root, 'db'))]) {
      if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"`]([A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_.]+)['"`]/g)) literals.add(m[1]!);
      // t(`holdingStatus.${s}`), t(`holdingDetail.category${c}`): every key under the prefix.
      for (const m of text.matchAll(/`([A-Za-z][A-Za-z0-9_.]*)\$\{/g)) if (m[1]!.includes('.')) prefixes.push(m[1]!);
    }
    // A literal naming a group of messages uses each of them (a home card's textKey → its title and hint).
    const groups = [...literals].map((l) => `${l}.`);
    const unused = [...jaKeys.keys()].filter(
      (key) => !literals.has(key) && !fromMain.some((p) => key.startsWith(p)) && !prefixes.some((p) => key.startsWith(p)) && !groups.some((g) => key.startsWith(g)),
    );
    expect(unused).toEqual([]);
  });

  it('has a label for every access-log action main records by name', () => {
    const actions = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'db'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/action: '([a-z]+\.[A-Za-z0-9_.]+)'/g)) actions.add(m[1]!);
    }
    expect(actions.size).toBeGreaterThan(20);
    const missing = [...actions].filter((a) => !jaKeys.has(`auditActions.${a.replace(/\./g, '_')}`));
    expect(missing).toEqual([]);
  });

  it('offers as 操作 and 対象種別 choices exactly what main records, each in words', () => {
    const recorded = new Set<string>();
    const targets = new Set<string>();
    for (const file of sourceFiles(path.join(root, 'db'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: '([a-z]+\.[A-Za-z0-9_.]+)'/g)) recorded.add(m[1]!);
      for (const m of text.matchAll(/readAudit: '([a-z]+\.[A-Za-z0-9_.]+)'/g)) recorded.add(m[1]!);
      for (const m of text.matchAll(/targetType: '([a-z_]+)'/g)) targets.add(m[1]!);
    }
    const offered = new Set<string>(auditActions);
    expect([...recorded].filter((a) => !offered.has(a))).toEqual([]);
    // Every offered action has its words, and no words stand for an action not offered.
    const worded = [...jaKeys.keys()].filter((k) => k.startsWith('auditActions.')).map((k) => k.slice('auditActions.'.length));
    expect(worded.sort()).toEqual(auditActions.map((a) => a.replace(/\./g, '_')).sort());
    expect([...targets].filter((k) => !(auditTargetTypes as readonly string[]).includes(k))).toEqual([]);
    for (const k of auditTargetTypes) expect(jaKeys.has(`targetTypes.${k}`), k).toBe(true);
  });
});
