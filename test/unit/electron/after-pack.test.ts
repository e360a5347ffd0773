import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import {
  type AfterPackContext,
  afterPack,
  electronBinaryPath,
  fuseConfig,
} from '../../../scripts/after-pack.cjs';

const context = (platform: string): AfterPackContext => ({
  appOutDir: '/release/unpacked',
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'CDS Companion' }, executableName: 'cds-companion' },
});

describe('the afterPack fuses', () => {
  it('turns off Node entry points and turns on asar-only loading, integrity and cookie encryption', () => {
    const config = fuseConfig('linux') as Record<number, boolean> & {
      version: string;
      strictlyRequireAllFuses: boolean;
    };
    expect(config.version).toBe(FuseVersion.V1);
    expect(config.strictlyRequireAllFuses).toBe(true);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    // Every fuse this @electron/fuses knows is decided.
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const fuse of known) expect(typeof config[fuse as number]).toBe('boolean');
  });

  it('finds the Electron binary of each platform', () => {
    expect(electronBinaryPath(context('linux'))).toBe('/release/unpacked/cds-companion');
    expect(electronBinaryPath(context('win32'))).toBe('/release/unpacked/CDS Companion.exe');
    expect(electronBinaryPath(context('darwin'))).toBe(
      '/release/unpacked/CDS Companion.app/Contents/MacOS/CDS Companion',
    );
  });

  it('flips the fuses of the packaged binary, re-signing ad hoc on macOS only', async () => {
    const flipped: [string, Record<string, unknown>][] = [];
    const flip = async (path: string, config: object) => {
      flipped.push([path, config as Record<string, unknown>]);
      return 0;
    };
    await afterPack(context('linux'), flip);
    await afterPack(context('darwin'), flip);
    expect(flipped.map(([path]) => path)).toEqual([
      '/release/unpacked/cds-companion',
      '/release/unpacked/CDS Companion.app/Contents/MacOS/CDS Companion',
    ]);
    expect(flipped.map(([, config]) => config.resetAdHocDarwinSignature)).toEqual([false, true]);
  });
});
