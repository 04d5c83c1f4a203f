/** The names of a few regions by code (`GET /api/regions/:code`), fetched once per code per page. */
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { Region } from '../../types.ts';

/** Names of the regions in `codes`; a code maps to itself until its name has arrived. */
export function useRegionNames(codes: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');

  useEffect(() => {
    if (!key) return;
    let live = true;
    for (const code of key.split(',')) {
      api
        .get<Region>(`/api/regions/${code}`)
        .then((region) => live && setNames((known) => ({ ...known, [code]: region.name })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [key]);

  return Object.fromEntries(codes.map((code) => [code, names[code] ?? code]));
}
