import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

/**
 * The packaging config cannot be exercised here (electron-builder would download the
 * Electron binary), so it is checked statically: the exact validation electron-builder
 * runs, plus the settings the app's security depends on.
 */

// js-yaml ships no types; this is the one function used.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

type Config = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  files: string[];
  nsis: Record<string, unknown>;
  directories: { buildResources: string };
  win: { target: { target: string; arch: string[] }[]; icon: string };
  linux: { target: string[]; category: string; icon: string };
};

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const debugLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];
    type Configuration = Parameters<typeof validateConfiguration>[0];
    await expect(validateConfiguration(structuredClone(config) as unknown as Configuration, debugLogger)).resolves.toBeUndefined();
    // …and that validation is real: a misspelled fuse would otherwise be silently ignored.
    const misspelled = { ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelled as unknown as Configuration, debugLogger)).rejects.toThrow(/Invalid configuration object/);
  });

  it('flips every fuse the security review asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar, unpacks only native modules and never rebuilds them', () => {
    expect(config.asar).toBe(true);
    // sharp (issue #11) loads libvips from beside its .node: both packages stay outside the archive.
    expect(config.asarUnpack).toEqual(['**/*.node', 'node_modules/sharp/**', 'node_modules/@img/**']);
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('has no update feed', () => {
    expect(config).toHaveProperty('publish', null);
    expect(config.detectUpdateChannel).toBe(false);
  });

  it('ships the bundles without source maps or dev tools', () => {
    expect(config.files).toContain('!**/*.map');
    expect(config.files.filter((pattern) => !pattern.startsWith('!')).sort()).toEqual(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']);
    expect(readFileSync('package.json', 'utf8')).toContain('"main": "dist/electron/main.js"');
  });

  it('builds a Japanese per-machine NSIS installer for x64 that keeps the data on uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      language: '1041',
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds AppImage and deb for Linux', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
  });

  it('names icon files that exist, in every size each platform asks for', () => {
    expect(existsSync(config.directories.buildResources)).toBe(true);
    // ICO: a 6-byte header, then one 16-byte entry per image (width 0 means 256).
    const ico = readFileSync(config.win.icon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => [ico[6 + 16 * i] || 256, ico[7 + 16 * i] || 256]);
    expect(icoSizes.map(([w, h]) => `${w}x${h}`).sort()).toEqual(['16x16', '24x24', '32x32', '48x48', '64x64', '128x128', '256x256'].sort());
    // Linux: NxN.png files whose PNG header (IHDR width and height) matches the name.
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(`${config.linux.icon}/${size}x${size}.png`);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
