import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Small modules with one job (style.md): no source file over 400 lines (locale files,
 * holding data rather than code, excepted) and no function over 80 lines — a React
 * component is a function too.
 */
const root = path.resolve(import.meta.dirname, '../..');
const sources = execSync('git ls-files -co --exclude-standard -- db electron renderer scripts tests', { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'))
  .filter((f) => { try { readFileSync(path.join(root, f)); return true; } catch { return false; } });
const isLocale = (f: string) => /^renderer\/i18n\/(ja|en)\//.test(f);

function longFunctions(file: string, limit: number): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      // A test file's describe/it callbacks are lists of cases, not functions with one job.
      const isTestBlock = /\.test\.ts$/.test(file) && ts.isCallExpression(node.parent) && /^(describe|it|test)\b/.test(node.parent.expression.getText());
      if (end - start + 1 > limit && !isTestBlock) found.push(`${file}:${start + 1} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('code size', () => {
  it('keeps every source file under 400 lines (locale files excepted)', () => {
    const long = sources.filter((f) => !isLocale(f)).filter((f) => readFileSync(path.join(root, f), 'utf8').split('\n').length > 400);
    expect(long).toEqual([]);
  });

  it('keeps every function under 80 lines', () => {
    expect(sources.flatMap((f) => longFunctions(f, 80))).toEqual([]);
  });
});
