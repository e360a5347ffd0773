// The contract's method and event names alone, free of zod, so the sandboxed preload (which may not
// load npm modules at run time) can build the bridge from them. contract.ts must define exactly these
// keys: the compiler checks it there, and a test checks the preload's exposed keys against them.

export const methodNames = ['app.info'] as const;
export const eventNames = ['server.status'] as const;

export type MethodName = (typeof methodNames)[number];
export type EventName = (typeof eventNames)[number];
