import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { publicError } from '../testing/fakeBackend';
import { AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_INTERVAL_MS, type Autosave, useAutosave } from './useAutosave';

let container: HTMLElement;
let autosave: Autosave;
let save: Mock<() => Promise<unknown>>;
let onSaved: Mock<() => void>;
let onRefused: Mock<(reason: unknown) => void>;

/** A form with nothing but the hook; `autosave` is what the hook returned on the last render. */
function Form({ enabled }: { enabled: boolean }) {
  autosave = useAutosave({ enabled, save, onSaved, onRefused });
  return <p id="status">{autosave.status.kind}</p>;
}

function open(enabled = true) {
  act(() => render(<Form enabled={enabled} />, container));
}

/** Lets fake time pass and the saves it starts settle. */
async function wait(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const status = () => container.querySelector('#status')?.textContent;

beforeEach(() => {
  vi.useFakeTimers();
  container = document.createElement('div');
  document.body.append(container);
  save = vi.fn(() => Promise.resolve());
  onSaved = vi.fn();
  onRefused = vi.fn();
});

afterEach(() => {
  act(() => render(null, container));
  container.remove();
  vi.useRealTimers();
});

describe('useAutosave', () => {
  it('saves a second after the last change, once for a burst of typing', async () => {
    open();
    autosave.changed();
    await wait(AUTOSAVE_DEBOUNCE_MS / 2);
    autosave.changed();
    await wait(AUTOSAVE_DEBOUNCE_MS - 1);
    expect(save).not.toHaveBeenCalled();
    await wait(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(status()).toBe('saved');
  });

  it('saves every few seconds while typing goes on without a pause', async () => {
    open();
    for (let elapsed = 0; elapsed < AUTOSAVE_INTERVAL_MS; elapsed += AUTOSAVE_DEBOUNCE_MS / 2) {
      autosave.changed();
      await wait(AUTOSAVE_DEBOUNCE_MS / 2);
    }
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not send a refused version again until it changes', async () => {
    save.mockRejectedValue(publicError('invalidInput', 'Nederīgs.', 'Invalid.', { field: 'caseRef' }));
    open();
    autosave.changed();
    await wait(AUTOSAVE_DEBOUNCE_MS);
    expect(onRefused).toHaveBeenCalledTimes(1);
    expect(status()).toBe('failed');
    await wait(AUTOSAVE_INTERVAL_MS * 3);
    expect(save).toHaveBeenCalledTimes(1);

    save.mockResolvedValue(undefined);
    autosave.changed();
    await wait(AUTOSAVE_DEBOUNCE_MS);
    expect(save).toHaveBeenCalledTimes(2);
    expect(status()).toBe('saved');
  });

  it('keeps trying after a refusal that is not about the input', async () => {
    save.mockRejectedValueOnce(publicError('storage', 'Neizdevās.', 'Failed.'));
    open();
    autosave.changed();
    await wait(AUTOSAVE_DEBOUNCE_MS);
    await wait(AUTOSAVE_INTERVAL_MS);
    expect(save).toHaveBeenCalledTimes(2);
    expect(status()).toBe('saved');
  });

  it('saves one at a time: "save now" waits for the save under way, then sends the newer change', async () => {
    let finish: () => void = () => undefined;
    save.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)));
    open();
    autosave.changed();
    await wait(AUTOSAVE_DEBOUNCE_MS);
    autosave.changed();
    let saved: boolean | undefined;
    void autosave.saveNow().then((result) => (saved = result));
    await wait(0);
    expect(save).toHaveBeenCalledTimes(1);
    finish();
    await wait(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saved).toBe(true);
    await wait(AUTOSAVE_INTERVAL_MS);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('sends what is left when the form goes, unless it was closed', async () => {
    open();
    autosave.changed();
    act(() => render(null, container));
    expect(save).toHaveBeenCalledTimes(1);
    expect(onSaved).not.toHaveBeenCalled();

    open();
    autosave.changed();
    autosave.close();
    act(() => render(null, container));
    await wait(AUTOSAVE_INTERVAL_MS);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves nothing by itself when off (a finished call being edited)', async () => {
    open(false);
    autosave.changed();
    await wait(AUTOSAVE_INTERVAL_MS * 2);
    expect(status()).toBe('idle');
    act(() => render(null, container));
    expect(save).not.toHaveBeenCalled();
  });
});
