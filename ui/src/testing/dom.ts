// Test support: drive the rendered app the way a person would.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { mainScreen } from '../app/App';

let container: HTMLElement | null = null;

/**
 * Renders into a fresh container in the document and lets start-up effects
 * settle. The main screen's chunk is loaded first, as it is a moment after
 * the app starts, through the test file's module mocks (hence here, not in a
 * set-up file, which runs before them).
 */
export async function mount(node: ComponentChild): Promise<HTMLElement> {
  await mainScreen.load();
  unmount();
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(node, container as HTMLElement);
  });
  await settle();
  return container;
}

export function unmount(): void {
  if (!container) return;
  const old = container;
  act(() => render(null, old));
  old.remove();
  container = null;
}

/** Lets pending promises (fake backend answers) and the renders they cause finish. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  });
}

/** Lets fake timers run for `ms` (past an autosave's pause, a search's debounce), then the renders they cause. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await settle();
}

export function $(selector: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(selector);
}

/** The element, or a failed test naming what was missing. */
export function get<T extends HTMLElement = HTMLElement>(selector: string): T {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  return element;
}

export function text(selector: string): string {
  return get(selector).textContent?.trim() ?? '';
}

export async function type(selector: string, value: string): Promise<void> {
  const input = get<HTMLInputElement | HTMLSelectElement>(selector);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

export async function click(selector: string): Promise<void> {
  await act(() => get(selector).click());
  await settle();
}

export async function press(key: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(() => {
    (document.activeElement ?? document.body).dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
  await settle();
}
