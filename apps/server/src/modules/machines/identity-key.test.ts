import { describe, expect, it } from 'vitest';
import { resolveIdentity } from './identity-key.js';

const generatedId = '6b0c1c3e-77d4-4f4e-9a55-0d7d5d8e0a11';

describe('resolveIdentity', () => {
  it('uses SMBIOS UUID and serial when the firmware filled them in', () => {
    expect(resolveIdentity({ smbiosUuid: '4C4C4544-0042-3510-8052-B4C04F4E4B32', serial: 'B5RNKK2', generatedId })).toEqual({
      key: 'smbios:4c4c4544-0042-3510-8052-b4c04f4e4b32:B5RNKK2',
      source: 'smbios',
      smbiosUuid: '4c4c4544-0042-3510-8052-b4c04f4e4b32',
      serial: 'B5RNKK2',
    });
  });

  it.each([
    ['00000000-0000-0000-0000-000000000000', 'ABC'],
    ['03000200-0400-0500-0006-000700080009', 'To be filled by O.E.M.'],
    [undefined, 'ABC123'],
  ])('falls back to the generated id for unfilled firmware (%s)', (smbiosUuid, serial) => {
    expect(resolveIdentity({ ...(smbiosUuid ? { smbiosUuid } : {}), serial, generatedId })).toMatchObject({
      key: `generated:${generatedId}`,
      source: 'generated',
    });
  });

  it('keeps a good UUID even when the serial is a placeholder', () => {
    expect(resolveIdentity({ smbiosUuid: '4c4c4544-0042-3510-8052-b4c04f4e4b32', serial: 'Default string', generatedId }).key).toBe(
      'smbios:4c4c4544-0042-3510-8052-b4c04f4e4b32',
    );
  });
});
