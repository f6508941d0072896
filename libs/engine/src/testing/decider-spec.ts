import type { DomainEvent } from '../envelope/event-envelope';
import type { Command, Decider } from '../pipeline/decider';

/**
 * Given / when / then for deciders, in the style of Emmett's DeciderSpecification:
 *   spec.given([logged]).when(resolve).then([resolved]);
 *   spec.given([logged]).when(resolve).thenThrows(TransitionNotAllowedError);
 */
export function deciderSpec<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(history: E[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const act = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(act()).toEqual(expected);
            },
            thenThrows<T extends Error>(type: new (...args: never[]) => T, check?: (error: T) => void) {
              let thrown: unknown;
              try {
                act();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(type);
              check?.(thrown as T);
            },
            thenState(check: (state: S) => void) {
              check(act().reduce(decider.evolve, state));
            },
          };
        },
      };
    },
  };
}
