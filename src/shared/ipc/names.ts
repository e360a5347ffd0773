// The contract's names, for modules that only need to enumerate them.
export { type EventName, eventNames, type MethodName, methodNames } from './contract';
