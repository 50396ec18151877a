import type { ChannelInput, ChannelOutput } from '../../../db/contract';
import type { TestApp } from './backend';
import { loginAs, people } from './holdings';

/**
 * The media tests' shared setup (issue #10): a medium as the form would register it, one
 * registered by a given person, and 市民課's two cabinets for 点検.
 */

type Person = { loginId: string; password: string };

/** A medium as the form would register it; the overrides say what a test cares about. */
export function mediumInput(departmentId: number, overrides: Partial<ChannelInput<'media.create'>> = {}): ChannelInput<'media.create'> {
  return {
    mediaNo: 'USB-001',
    type: 'usb',
    makeModel: '',
    serialNo: '',
    capacity: '',
    encrypted: 'hardware',
    departmentId,
    custodian: '',
    storageLocationId: null,
    isBackupMedium: false,
    registeredAt: '2026-04-01',
    remarks: '',
    ...overrides,
  };
}

/** `person` logs in and registers the medium (left logged in). */
export async function registerMedium(app: TestApp, person: Person, input: ChannelInput<'media.create'>): Promise<ChannelOutput<'media.create'>> {
  await loginAs(app, person);
  return app.ok('media.create', input);
}

/**
 * 市民課's キャビネットA and キャビネットB, registered by the officer (left logged in), with a
 * medium of each given number in the cabinet named beside it.
 */
export async function mediaCabinets(app: TestApp, citizens: number, media: readonly (readonly [string, 'a' | 'b'])[]): Promise<{ a: number; b: number; ids: Record<string, number> }> {
  await loginAs(app, people.officer);
  const a = (await app.ok('media.storageLocations.create', { name: 'キャビネットA', departmentId: citizens })).id;
  const b = (await app.ok('media.storageLocations.create', { name: 'キャビネットB', departmentId: citizens })).id;
  const ids: Record<string, number> = {};
  for (const [no, cabinet] of media) {
    ids[no] = (await app.ok('media.create', mediumInput(citizens, { mediaNo: no, storageLocationId: cabinet === 'a' ? a : b }))).id;
  }
  return { a, b, ids };
}
