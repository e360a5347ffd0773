import { act, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createToastQueue, ToastQueueProvider } from '../../src/renderer/src/components/toast-region';
import { CdsApiProvider } from '../../src/renderer/src/ipc/cds-api-context';
import { subscribeServiceEvents } from '../../src/renderer/src/ipc/use-service-events';
import {
  createRendererStores,
  type RendererStores,
  StoresProvider,
} from '../../src/renderer/src/stores/renderer-stores';
import { MessagesSection } from '../../src/renderer/src/views/server/messages-section';
import type {
  MessageListResult,
  MessageSendInput,
  MessageView,
} from '../../src/shared/ipc/messages-contract';
import type { ServerOverview, ServerSummary } from '../../src/shared/ipc/servers-contract';
import { message } from './inbox-fixtures';
import { buttonByName, fakeBridge, flush, press, type Rendered, render, typeInto } from './render';

const server = { id: 'srv-1', name: 'Sandbox Grid Utility', unreadCount: 0 } as ServerSummary;
const overview = {
  id: 'srv-1',
  name: 'Sandbox Grid Utility',
  timezone: 'America/Chicago',
  scopes: [],
  registration: {
    adminClientId: 'admin-1',
    registeredAt: '2025-09-01T00:00:00Z',
    scopes: [],
    clientName: 'Ada',
    todos: [],
  },
} as unknown as ServerOverview;

// jsdom has no layout: give the scrolling list a size, so the virtualiser has rows to show.
const layoutProperties = ['offsetHeight', 'offsetWidth', 'clientHeight'] as const;
const originalLayout = layoutProperties.map((name) =>
  Object.getOwnPropertyDescriptor(HTMLElement.prototype, name),
);
beforeAll(() => {
  for (const name of layoutProperties) {
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('message-list') ? (name === 'offsetWidth' ? 480 : 640) : 0;
      },
    });
  }
});
afterAll(() => {
  layoutProperties.forEach((name, index) => {
    const original = originalLayout[index];
    if (original) Object.defineProperty(HTMLElement.prototype, name, original);
  });
});

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

function listing(messages: MessageView[]): MessageListResult {
  return {
    serverId: 'srv-1',
    messages,
    unreadCount: messages.filter((m) => !m.read).length,
    outstandingCount: messages.filter((m) => m.outstanding).length,
    syncedAt: '2025-03-01T10:00:00Z',
  };
}

async function mount(
  handlers: Parameters<typeof fakeBridge>[0],
  props: { overview?: ServerOverview } = {},
): Promise<{ bridge: ReturnType<typeof fakeBridge>; stores: RendererStores; container: HTMLElement }> {
  const bridge = fakeBridge(handlers);
  const stores = createRendererStores();
  stores.servers.getState().receiveServers([server]);
  subscribeServiceEvents(bridge.api, stores);
  const tree: ReactNode = (
    <CdsApiProvider api={bridge.api}>
      <StoresProvider stores={stores}>
        <ToastQueueProvider queue={createToastQueue()}>
          <MessagesSection
            server={server}
            overview={props.overview ?? overview}
            reloadOverview={() => undefined}
            availableSections={['overview', 'registration', 'clients', 'messages', 'grants']}
          />
        </ToastQueueProvider>
      </StoresProvider>
    </CdsApiProvider>
  );
  view = await render(tree);
  await flush();
  await flush();
  return { bridge, stores, container: view.container };
}

const options = (root: ParentNode) => [...root.querySelectorAll('[role=option]')];
const optionWith = (root: ParentNode, text: string) =>
  options(root).find((row) => row.textContent?.includes(text)) ?? null;

describe('Inbox section', () => {
  it('asks to register first when there is no registration', async () => {
    const { container, bridge } = await mount({}, { overview: { ...overview, registration: null } });
    expect(container.querySelector('section[aria-label="No Inbox before registering"]')).not.toBeNull();
    expect(bridge.calls).toEqual([]);
  });

  it('renders only the rows in view of a 10,000-Message Inbox, with the section counts', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      message(`m${i}`, {
        read: i % 3 !== 0,
        modified: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      }),
    );
    const { container, bridge } = await mount({
      'messages.list': async () => listing(many),
    });
    const rows = options(container);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    // Newest first (§6.8), and each option says where it is in the whole list.
    expect(rows[0]?.textContent).toContain('Subject m9999');
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('10000');
    const unread = many.filter((m) => !m.read).length;
    expect(container.querySelector('.segmented')?.textContent).toContain(`Unread${unread}`);
    // The view reads the cached listing (again after each change), and the Server once on opening.
    const listCalls = bridge.calls.filter((c) => c.method === 'messages.list').map((c) => c.args);
    expect(listCalls[0]).toEqual(['srv-1', { cached: true }]);
    expect(listCalls.filter((args) => args.length === 1)).toEqual([['srv-1']]);
  });

  it('reuses the row nodes on a jump and keeps the staying rows on a step, in list order', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      message(`m${i}`, { modified: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() }),
    );
    const { container } = await mount({ 'messages.list': async () => listing(many) });
    const list = container.querySelector('[role=listbox]') as HTMLElement;
    let top = 0;
    Object.defineProperty(list, 'scrollTop', { configurable: true, get: () => top });
    const scrollTo = async (next: number) =>
      act(async () => {
        top = next;
        list.dispatchEvent(new Event('scroll'));
      });
    const positions = () => options(container).map((row) => Number(row.getAttribute('aria-posinset')));
    // Newest first: the row at position p shows m(10000 - p).
    const expectRowsMatchPositions = () => {
      for (const row of options(container)) {
        const position = Number(row.getAttribute('aria-posinset'));
        expect(row.textContent).toContain(`Subject m${10_000 - position}`);
      }
    };
    const first = options(container);
    expect(positions()[0]).toBe(1);

    await scrollTo(84 * 5000);
    const jumped = options(container);
    expect(positions()[0]).toBeGreaterThan(4990);
    expect(positions()).toEqual([...positions()].sort((a, b) => a - b));
    expectRowsMatchPositions();
    // The same elements, given the new rows' content (no node removed and built again).
    for (const row of jumped.slice(0, first.length)) expect(first).toContain(row);

    await scrollTo(84 * 5001);
    const stepped = options(container);
    expect(positions()).toEqual([...positions()].sort((a, b) => a - b));
    expectRowsMatchPositions();
    const stayed = jumped.filter((row) => stepped.includes(row));
    expect(stayed.length).toBeGreaterThan(3);
    // A row that stays keeps its element and its place among the others.
    expect(stepped.filter((row) => stayed.includes(row))).toEqual(stayed);
  });

  it('opens a Message, marks it read once, and marks it unread on request (§6.11)', async () => {
    let messages = [
      message('a', { name: 'Welcome aboard' }),
      message('b', { name: 'Older', modified: '2025-01-01T00:00:00Z' }),
    ];
    const marks: Array<[string, boolean]> = [];
    const { container, bridge, stores } = await mount({
      'messages.list': async () => listing(messages),
      'messages.markRead': async (_server, id, read) => {
        marks.push([id as string, read as boolean]);
        messages = messages.map((m) => (m.messageId === id ? { ...m, read: read as boolean } : m));
        bridge.emit('messages.changed', {
          serverId: 'srv-1',
          unreadCount: messages.filter((m) => !m.read).length,
          outstandingCount: 0,
        });
        return messages.find((m) => m.messageId === id);
      },
    });
    await press(optionWith(container, 'Welcome aboard') as HTMLElement);
    await flush();
    const thread = container.querySelector('section.message-thread') as HTMLElement;
    expect(thread.querySelector('h2')?.textContent).toBe('Welcome aboard');
    expect(marks).toEqual([['a', true]]);
    expect(stores.servers.getState().servers[0]?.unreadCount).toBe(1);
    const readMark = optionWith(container, 'Welcome aboard')?.querySelector('.message-row__mark');
    expect(readMark?.getAttribute('role')).toBeNull();
    expect(readMark?.getAttribute('aria-hidden')).toBe('true');

    await press(buttonByName(thread, 'Mark as unread'));
    await flush();
    expect(marks).toEqual([
      ['a', true],
      ['a', false],
    ]);
    // Still open, and not marked read again by being open.
    expect(optionWith(container, 'Welcome aboard')?.className).toContain('message-row--unread');
    // The unread dot names the state for screen readers (the option's name starts with it).
    const mark = optionWith(container, 'Welcome aboard')?.querySelector('.message-row__mark');
    expect(mark?.getAttribute('role')).toBe('img');
    expect(mark?.getAttribute('aria-label')).toBe('Unread');
    expect(stores.servers.getState().servers[0]?.unreadCount).toBe(2);
  });

  it('moves the selection with the arrow keys and Home/End (aria-activedescendant)', async () => {
    const messages = ['c', 'b', 'a'].map((id, i) =>
      message(id, { read: true, modified: `2025-03-0${3 - i}T00:00:00Z`, name: `Note ${id}` }),
    );
    const { container, stores } = await mount({ 'messages.list': async () => listing(messages) });
    const list = container.querySelector('[role=listbox]') as HTMLElement;
    const key = async (name: string) =>
      act(async () => {
        list.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
      });
    await key('ArrowDown');
    expect(stores.inbox.getState().selectedByServer['srv-1']).toBe('b');
    const active = list.getAttribute('aria-activedescendant');
    expect(container.querySelector(`#${CSS.escape(active ?? '')}`)?.textContent).toContain('Note b');
    await key('End');
    expect(stores.inbox.getState().selectedByServer['srv-1']).toBe('a');
    await key('Home');
    expect(stores.inbox.getState().selectedByServer['srv-1']).toBe('c');
  });

  it('shows a payment request with its amount and the payment page as a browser link', async () => {
    const pay = message('p', {
      type: 'payment_request',
      read: true,
      status: 'open',
      effectiveStatus: 'open',
      outstanding: true,
      name: 'Registration fee',
      relatedUri: 'https://utility.example/pay/p',
      relatedType: 'payment_form',
      amount: '25.00',
      currency: 'USD',
      attachments: [{ index: 0, filename: 'invoice.pdf', mimeType: 'application/pdf', size: 2048 }],
    });
    const { container } = await mount({ 'messages.list': async () => listing([pay]) });
    await press(optionWith(container, 'Registration fee') as HTMLElement);
    const thread = container.querySelector('section.message-thread') as HTMLElement;
    const link = thread.querySelector('a.link-button') as HTMLAnchorElement;
    expect(link.href).toBe('https://utility.example/pay/p');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.textContent).toMatch(/Pay .*25.* online/);
    expect(thread.textContent).toContain('Needs your action');
    expect(thread.textContent).toContain('invoice.pdf');
    expect(thread.textContent).toContain('2 KB');
    expect(buttonByName(thread, 'Save invoice.pdf')).not.toBeNull();
  });

  it('sends a support_request from the compose dialog, and shows a refusal in the dialog', async () => {
    const sent: MessageSendInput[] = [];
    let refuse = true;
    const { container } = await mount({
      'messages.list': async () => listing([message('a', { read: true })]),
      'messages.send': async (_server, input) => {
        sent.push(input as MessageSendInput);
        if (refuse) {
          throw Object.assign(new Error('the Server answered 400'), {
            server: 'Sandbox Grid Utility',
            step: 'sending a support_request Message',
          });
        }
        return message('new', { type: 'support_request', fromServer: false, read: true });
      },
    });
    await press(buttonByName(container, 'New message'));
    const dialog = document.querySelector('[role=dialog]') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('New message to Sandbox Grid Utility');
    const support = [...dialog.querySelectorAll('label')].find(
      (label) => label.textContent === 'Support request',
    );
    await press(support as HTMLElement);
    await press(buttonByName(dialog, 'Send'));
    expect(dialog.textContent).toContain('Write a subject.');
    expect(sent).toEqual([]);

    const inputs = dialog.querySelectorAll('input[type=text], input:not([type])');
    await typeInto(inputs[0] as HTMLInputElement, 'Tokens fail');
    const body = dialog.querySelector('textarea') as HTMLTextAreaElement;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setter?.call(body, 'Since this morning.');
      body.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await press(buttonByName(dialog, 'Send'));
    await flush();
    expect(sent).toEqual([{ type: 'support_request', subject: 'Tokens fail', body: 'Since this morning.' }]);
    const alert = dialog.querySelector('[role=alert]') as HTMLElement;
    expect(alert.textContent).toContain('the Server answered 400');
    expect(alert.textContent).toContain('sending a support_request Message');

    refuse = false;
    await press(buttonByName(alert, 'Try again'));
    await flush();
    expect(sent).toHaveLength(2);
    expect(document.querySelector('[role=dialog]')).toBeNull();
  });

  it('names the Server and the step when the Messages cannot be loaded, with a retry', async () => {
    let fail = true;
    const { container } = await mount({
      'messages.list': async () => {
        if (fail)
          throw Object.assign(new Error('connection refused'), {
            server: 'Sandbox Grid Utility',
            step: 'listing the Messages',
          });
        return listing([]);
      },
    });
    const alert = container.querySelector('[role=alert]') as HTMLElement;
    expect(alert.textContent).toContain('The Messages of Sandbox Grid Utility could not be loaded');
    expect(alert.textContent).toContain('listing the Messages');
    fail = false;
    await press(buttonByName(alert, 'Try again'));
    await flush();
    expect(container.querySelector('section[aria-label="No Messages yet"]')).not.toBeNull();
  });
});
