import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceOutcome } from '../../src/renderer/src/ipc/cds-client';
import { AddServerDialog } from '../../src/renderer/src/views/add-server-dialog';
import { blur, buttonByName, flush, press, type Rendered, render, typeInto } from './render';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

function dialog(): HTMLElement {
  const element = document.querySelector('[role=dialog]');
  if (!(element instanceof HTMLElement)) throw new Error('dialog not open');
  return element;
}

const input = () => dialog().querySelector('input');
const error = () => dialog().querySelector('.text-field__error')?.textContent ?? null;

describe('<AddServerDialog>', () => {
  it('checks the address after the first blur and links the error to the field', async () => {
    view = await render(<AddServerDialog isOpen onOpenChange={() => undefined} />);
    await typeInto(input(), 'http://utility.example');
    expect(error()).toBeNull();
    await blur(input());
    expect(error()).toContain('Use https://');
    expect(input()?.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input()?.getAttribute('aria-describedby') ?? '';
    const errorId = dialog().querySelector('.text-field__error')?.id ?? 'missing';
    expect(describedBy.split(' ')).toContain(errorId);

    await typeInto(input(), 'utility.example');
    expect(error()).toBeNull();
    expect(dialog().querySelector('.form__preview')?.textContent).toContain(
      'https://utility.example/.well-known/cds-server-metadata.json',
    );
  });

  it('offers no Add button without a handler (nothing to call yet)', async () => {
    view = await render(<AddServerDialog isOpen onOpenChange={() => undefined} />);
    expect(buttonByName(dialog(), 'Add Server')).toBeNull();
    expect(buttonByName(dialog(), 'Cancel')).not.toBeNull();
  });

  it('submits the completed URL and closes on success', async () => {
    const onSubmit = vi.fn(async (): Promise<ServiceOutcome<unknown>> => ({ ok: true, value: null }));
    const onOpenChange = vi.fn();
    view = await render(<AddServerDialog isOpen onOpenChange={onOpenChange} onSubmit={onSubmit} />);
    await typeInto(input(), 'utility.example');
    await press(buttonByName(dialog(), 'Add Server'));
    await flush();
    expect(onSubmit).toHaveBeenCalledWith('https://utility.example/.well-known/cds-server-metadata.json');
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('does not submit an invalid address, and shows why', async () => {
    const onSubmit = vi.fn(async (): Promise<ServiceOutcome<unknown>> => ({ ok: true, value: null }));
    view = await render(<AddServerDialog isOpen onOpenChange={() => undefined} onSubmit={onSubmit} />);
    await press(buttonByName(dialog(), 'Add Server'));
    await flush();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(error()).toBe("Enter the Server's address.");
  });

  it('shows a failure with its Server and step, and retries', async () => {
    const onSubmit = vi
      .fn<(url: string) => Promise<ServiceOutcome<unknown>>>()
      .mockResolvedValueOnce({
        ok: false,
        failure: {
          name: 'MetadataError',
          message: 'Not a CDS Server',
          server: 'utility.example',
          step: 'reading metadata',
        },
      })
      .mockResolvedValueOnce({ ok: true, value: null });
    const onOpenChange = vi.fn();
    view = await render(<AddServerDialog isOpen onOpenChange={onOpenChange} onSubmit={onSubmit} />);
    await typeInto(input(), 'https://utility.example');
    await press(buttonByName(dialog(), 'Add Server'));
    await flush();

    const alert = dialog().querySelector('[role=alert]') as HTMLElement;
    expect(alert.textContent).toContain('Not a CDS Server');
    expect(alert.textContent).toContain('utility.example');
    expect(alert.textContent).toContain('reading metadata');
    expect(onOpenChange).not.toHaveBeenCalled();

    await press(buttonByName(alert, 'Try again'));
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
