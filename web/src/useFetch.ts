/** Loads one GET resource for a component, with loading and error state and a way to load it again. */
import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { api, errorMessage } from './api.ts';

/** What `useFetch` gives back. */
export interface Fetched<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Loads the resource again (after a change). */
  reload: () => void;
  /** Replaces the data with what a write returned (or changes it in place), without a round trip. */
  replace: Dispatch<SetStateAction<T | null>>;
}

/**
 * GETs `url` (built with `apiUrl`) whenever it changes, or when `reloadKey` does (a parent's way to ask for a
 * fresh load); a null url loads nothing.
 */
export function useFetch<T>(url: string | null, reloadKey?: unknown): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (url === null) {
      setData(null);
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    api
      .get<T>(url)
      .then((result) => {
        if (!live) return;
        setData(result);
        setError(null);
      })
      .catch((failure: unknown) => live && setError(errorMessage(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [url, generation, reloadKey]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload, replace: setData };
}
