import { describe, expect, it } from 'vitest';
import { deploymentRequest, emptyForm, localInput, type DeploymentForm } from './deployment-form.js';

const NOW = new Date(2026, 10, 23, 10, 0).getTime();
const form = (changes: Partial<DeploymentForm>): DeploymentForm => ({ ...emptyForm, packageId: 'p1', machines: ['m1'], ...changes });

describe('deploymentRequest', () => {
  it('sends only what was given: the server defaults the rest', () => {
    expect(deploymentRequest(form({}), NOW)).toEqual({ request: { package: 'p1', targets: { machines: ['m1'] } } });
  });

  it('sends every option, with the limit in bytes and dates as local times', () => {
    const result = deploymentRequest(
      form({
        revision: 3,
        title: '  Tool for Lyon ',
        targetKind: 'entity',
        entity: 'lyon',
        startAt: '2026-11-23T20:00',
        endAt: '2026-11-24T08:00',
        windows: '20-24,0-6',
        wakeOnLan: true,
        maxConcurrent: '50',
        bandwidthKiB: '512',
        retries: '2',
      }),
      NOW,
    );
    expect(result.request).toEqual({
      package: 'p1',
      revision: 3,
      title: 'Tool for Lyon',
      targets: { entity: 'lyon' },
      startAt: new Date(2026, 10, 23, 20, 0).getTime(),
      endAt: new Date(2026, 10, 24, 8, 0).getTime(),
      windows: '20-24,0-6',
      wakeOnLan: true,
      maxConcurrent: 50,
      maxBytesPerSecond: 512 * 1024,
      retries: 2,
    });
  });

  it('targets a group, and keeps it applied there', () => {
    expect(deploymentRequest(form({ targetKind: 'group', group: 'g1', converge: true }), NOW).request).toEqual({
      package: 'p1',
      targets: { group: 'g1' },
      converge: true,
    });
    expect(deploymentRequest(form({ targetKind: 'group' }), NOW).errors).toEqual(['Choose the group whose machines get the package.']);
  });

  it('keeps it applied on an entity or every machine, never on a list of machines', () => {
    expect(deploymentRequest(form({ targetKind: 'entity', entity: 'lyon', converge: true }), NOW).request?.converge).toBe(true);
    expect(deploymentRequest(form({ targetKind: 'all', converge: true }), NOW).request).toEqual({
      package: 'p1',
      targets: { all: true },
      converge: true,
    });
    expect(deploymentRequest(form({ converge: true }), NOW).errors).toEqual([
      'Keep applied needs a group, an entity or every machine: not a list of machines.',
    ]);
  });

  it('targets every machine', () => {
    expect(deploymentRequest(form({ targetKind: 'all', machines: [] }), NOW).request?.targets).toEqual({ all: true });
  });

  it('says every mistake at once', () => {
    const result = deploymentRequest(
      form({
        packageId: '',
        machines: [],
        startAt: '2026-11-24T10:00',
        endAt: '2026-11-24T09:00',
        windows: '25-3',
        maxConcurrent: '0',
        bandwidthKiB: 'fast',
        retries: '11',
      }),
      NOW,
    );
    expect(result.errors).toEqual([
      'Choose the package to deploy.',
      'Choose at least one machine.',
      'The deployment must end after it starts.',
      'Hours: "25-3": hours go from 0 to 24, and a range cannot end at 0.',
      'Machines at once: a whole number from 1 to 100,000, or empty for no limit.',
      'Download limit: a whole number of KiB/s (1 or more), or empty for no limit.',
      'Retries: a whole number from 0 to 10.',
    ]);
  });

  it('refuses an end already past, and an entity not chosen', () => {
    expect(deploymentRequest(form({ endAt: '2026-11-23T09:00' }), NOW).errors).toEqual(['The end is already past; give a later end.']);
    expect(deploymentRequest(form({ targetKind: 'entity' }), NOW).errors).toEqual(['Choose the entity whose machines get the package.']);
  });
});

describe('localInput', () => {
  it('writes a datetime-local value in local time', () => {
    expect(localInput(new Date(2026, 0, 5, 7, 4, 59).getTime())).toBe('2026-01-05T07:04');
  });
});
