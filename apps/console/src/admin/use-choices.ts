import { useEffect, useState } from 'react';
import type { Entity, Profile } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { api, errorMessage } from '../api.js';
import { entityOptions, type EntityOption } from '../enrollment/entity-options.js';

export interface Choices {
  /** In tree order, with their depth. */
  entities: EntityOption[];
  profiles: Profile[];
  /** Both lists have arrived. */
  loaded: boolean;
  error: string | null;
}

/** The entities and profiles a role can name, for the selects of the user, LDAP and OIDC forms. */
export function useChoices(): Choices {
  const [choices, setChoices] = useState<Choices>({ entities: [], profiles: [], loaded: false, error: null });
  useEffect(() => {
    let current = true;
    Promise.all([api.entities(), adminApi.profiles()]).then(
      ([entities, profiles]) =>
        current && setChoices({ entities: entityOptions(entities.items), profiles: profiles.items, loaded: true, error: null }),
      (failure: unknown) => current && setChoices((c) => ({ ...c, error: errorMessage(failure) })),
    );
    return () => {
      current = false;
    };
  }, []);
  return choices;
}

/** The entities the user may see, for a filter or a picker; `onFailure` hears why there are none. */
export function useEntities(onFailure?: (message: string) => void): Entity[] {
  const [entities, setEntities] = useState<Entity[]>([]);
  useEffect(() => {
    api.entities().then(
      (result) => setEntities(result.items),
      (failure: unknown) => {
        setEntities([]);
        onFailure?.(errorMessage(failure));
      },
    );
  }, []);
  return entities;
}
