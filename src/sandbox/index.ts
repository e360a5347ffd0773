export type { RegistrationSummary, SandboxControl } from './control';
export type { FaultRule, RequestLogEntry } from './faults';
export {
  CLIENT_ADMIN_SCOPE,
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  PROGRAM_SCOPE,
} from './scopes';
export { type RunningSandbox, type SandboxOptions, startSandbox } from './server';
export { TEST_CUSTOMERS, type TestCustomer } from './test-accounts';
