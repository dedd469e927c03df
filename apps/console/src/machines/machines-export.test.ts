import { describe, expect, it } from 'vitest';
import { machinesExportUrl } from './machines-export.js';

describe('machinesExportUrl', () => {
  it('asks for the format, then the list filters that are set', () => {
    expect(machinesExportUrl({ status: null, q: '' }, 'csv')).toBe('/api/v1/machines/export?format=csv');
    expect(machinesExportUrl({ status: 'offline', q: ' pc 1&2 ', entity: 'lyon' }, 'csv')).toBe(
      '/api/v1/machines/export?format=csv&status=offline&q=pc+1%262&entity=lyon',
    );
    expect(machinesExportUrl({ status: 'online', q: '', entity: null }, 'json')).toBe('/api/v1/machines/export?format=json&status=online');
  });
});
