import type { ComponentType } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServerSectionProps } from '../../src/renderer/src/views/server/server-section-props';
import type { ServerOverview, ServerSummary } from '../../src/shared/ipc/servers-contract';
import type { withApp } from './customer-data-providers';
import { buttonByName, flush, press, type Rendered, render } from './render';

// What the jsdom tests of one Server workspace section (credentials, grants, files) share: the
// sandbox's Server, the section mounted alone inside the app's providers, and the answers a test
// holds back or fails.

const serverName = 'Sandbox Grid Utility';

const sandboxServer = { id: 'srv-1', name: serverName } as ServerSummary;

/** `servers.get` for the sandbox Server offering `scopes`, registered by Ada for `registeredScopes`. */
export function sandboxOverview(
  scopes: readonly Partial<ServerOverview['scopes'][number]>[],
  registeredScopes: readonly string[] = [],
): ServerOverview {
  return {
    id: 'srv-1',
    name: serverName,
    scopes,
    registration: {
      adminClientId: 'admin-1',
      registeredAt: '2025-09-01T00:00:00Z',
      scopes: registeredScopes,
      clientName: 'Ada',
      todos: [],
    },
  } as unknown as ServerOverview;
}

/**
 * The section a test file is about, shown alone for the sandbox Server inside the app's providers.
 * Call it at the file's top level: it unmounts the section and empties the document after every
 * test and, for a section with a virtual table, gives that table the height a window would.
 */
export function sectionUnderTest(
  Section: ComponentType<ServerSectionProps>,
  defaults: { readonly overview: ServerOverview; readonly virtualTable?: boolean },
) {
  let mounted: Rendered | null = null;
  afterEach(async () => {
    await mounted?.unmount();
    mounted = null;
    document.body.innerHTML = '';
  });
  if (defaults.virtualTable) giveVirtualTablesHeight();
  return {
    /** Renders the section inside `app`'s providers and lets its first load settle. */
    async show(
      app: ReturnType<typeof withApp>,
      props: { readonly overview?: ServerOverview; readonly availableSections?: readonly string[] } = {},
    ): Promise<void> {
      mounted = await render(
        app.wrap(
          <Section
            server={sandboxServer}
            overview={props.overview ?? defaults.overview}
            reloadOverview={() => {}}
            availableSections={props.availableSections ?? []}
          />,
        ),
      );
      await flush();
    },
  };
}

/** Presses the button named `name` anywhere in the document (dialogs too) and lets the result settle. */
export async function pressButton(name: string): Promise<void> {
  await press(buttonByName(document.body, name));
  await flush();
}

// jsdom lays nothing out: the virtual table's scroll area gets the height a window would give it.
function giveVirtualTablesHeight(): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('virtual-table') ? 600 : 0;
      },
    });
  });
  afterAll(() => {
    if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  });
}

/** An answer the test gives when it chooses, to see the section while the call is running. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((ok) => {
    resolve = ok;
  });
  return { promise, resolve };
}

/** A failure as the service reports it: the sandbox Server and the step it was at. */
export function serviceError(message: string, step: string): Error {
  return Object.assign(new Error(message), { server: serverName, step });
}
