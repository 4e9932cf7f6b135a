import { useCallback, useEffect, useState } from 'react';
import type { Channel, EventMap, EventName, InputOf, OutputOf } from '../../../../shared/ipc/contract';
import { bridge } from './bridge';
import { ApiError } from './api-error';

export { ApiError };

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await bridge.invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.fields);
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return bridge.on(event, listener);
}

/** Loads a channel's answer and reloads it whenever data changes (locally or by sync). */
export function useQuery<C extends Channel>(channel: C, input: InputOf<C>, deps: unknown[] = []) {
  const [data, setData] = useState<OutputOf<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(input);
  const load = useCallback(() => {
    call(channel, JSON.parse(key) as InputOf<C>).then(
      (value) => {
        setData(value);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [channel, key, ...deps]);
  useEffect(() => {
    load();
    return onEvent('data.changed', load);
  }, [load]);
  return { data, error, reload: load };
}
