import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Moves focus to the first control marked invalid whenever `problems` changes. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, problems: unknown): void {
  useEffect(() => {
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [problems]);
}

/** The value of the input or select an event came from. */
export function valueOf(event: Event): string {
  return (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
}
