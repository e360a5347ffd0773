// What the Node bundles (vite.node.config.ts) get for `import { Agent } from 'undici'`: the Agent
// and the request API undici's index adds to every Dispatcher, without the rest of the index (fetch,
// WebSocket, EventSource, cache, cookies, mocks), which costs the CLI's background Companion about
// a third of its start-up for nothing (docs/decisions/0002-cli-agent.md). An export the code needs
// and this file lacks fails the build ("is not exported by"), never silently at run time.

import api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';

// undici's index.js does the same: `Object.assign(Dispatcher.prototype, api)`.
Object.assign(Dispatcher.prototype, api);

export { Agent, Dispatcher };
