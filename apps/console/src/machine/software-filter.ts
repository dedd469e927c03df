import type { InventorySoftware } from '@pons/protocol';

/** Every word must appear in the name, version, publisher or architecture; case does not matter. */
export function filterSoftware(list: InventorySoftware[], text: string): InventorySoftware[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return list;
  return list.filter((item) => {
    const haystack = [item.name, item.version, item.publisher, item.arch].filter(Boolean).join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export function sortSoftware(list: InventorySoftware[]): InventorySoftware[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}
