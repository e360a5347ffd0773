import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorState } from '../../src/renderer/src/components/error-state';
import { Fact } from '../../src/renderer/src/components/fact';
import { StatusChip } from '../../src/renderer/src/components/status-chip';
import {
  createToastQueue,
  showFailureToast,
  ToastRegion,
} from '../../src/renderer/src/components/toast-region';
import { buttonByName, flush, press, type Rendered, render } from './render';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('building blocks', () => {
  it('StatusChip carries its tone as data and its label as text', async () => {
    view = await render(<StatusChip tone="warning">Needs review</StatusChip>);
    const chip = view.container.querySelector('.status-chip') as HTMLElement;
    expect(chip.dataset.tone).toBe('warning');
    expect(chip.textContent).toBe('Needs review');
  });

  it('Fact is a term and its value in a facts list, the value styled only when asked', async () => {
    view = await render(
      <dl className="facts">
        <Fact term="Application">CDS Companion</Fact>
        <Fact term="Data folder" className="mono facts__path">
          /home/ada/data
        </Fact>
      </dl>,
    );
    const rows = [...view.container.querySelectorAll('.facts > .facts__row')];
    expect(
      rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
    ).toEqual([
      ['Application', 'CDS Companion'],
      ['Data folder', '/home/ada/data'],
    ]);
    expect(rows[0]?.querySelector('dd')?.hasAttribute('class')).toBe(false);
    expect(rows[1]?.querySelector('dd')?.className).toBe('mono facts__path');
  });

  it('ErrorState is an alert with the Server, the step and a retry', async () => {
    const retry = vi.fn();
    view = await render(
      <ErrorState
        title="Could not refresh"
        failure={{ name: 'HttpError', message: 'HTTP 503', server: 'Utility B', step: 'listing grants' }}
        onRetry={retry}
      />,
    );
    const alert = view.container.querySelector('[role=alert]') as HTMLElement;
    expect(alert.getAttribute('aria-label')).toBe('Could not refresh');
    expect(alert.textContent).toContain('Server: Utility B');
    expect(alert.textContent).toContain('Step: listing grants');
    await press(buttonByName(alert, 'Try again'));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('a failure toast shows the context, retries once and closes', async () => {
    const queue = createToastQueue();
    const retry = vi.fn();
    view = await render(<ToastRegion queue={queue} />);
    await flush();
    await act(async () => {
      showFailureToast(
        queue,
        'Messages could not be loaded',
        { name: 'HttpError', message: 'HTTP 500', server: 'Utility C', step: 'listing messages' },
        retry,
      );
    });
    const region = document.querySelector('.toast-region') as HTMLElement;
    expect(region.textContent).toContain('Messages could not be loaded');
    expect(region.textContent).toContain('HTTP 500 (Utility C · listing messages)');
    await press(buttonByName(region, 'Try again'));
    await flush();
    expect(retry).toHaveBeenCalledOnce();
    expect(queue.visibleToasts).toHaveLength(0);
  });
});
