import type { ComponentType } from 'react';
import { ClientsSection } from './clients-section';
import { CredentialsSection } from './credentials-section';
import { CustomerDataSection } from './customer-data-section';
import { FilesSection } from './files-section';
import { GrantsSection } from './grants-section';
import { MessagesSection } from './messages-section';
import { OverviewSection } from './overview-section';
import { RegistrationSection } from './registration-section';
import type { ServerSectionProps } from './server-section-props';

/** One tab of the Server workspace. */
export interface ServerSection {
  /** Stable id: the navigation store's `section`, the tab's key, and part of test selectors. */
  readonly id: string;
  /** The tab's label, a noun a person scans for. */
  readonly label: string;
  readonly component: ComponentType<ServerSectionProps>;
}

/**
 * The Server workspace's sections, in tab order. Adding a section: create
 * `views/server/<section>-section.tsx` exporting a component that takes ServerSectionProps, then add
 * one line here. Nothing else in the workspace changes (docs/renderer.md "Adding a Server section").
 */
export const serverSections: readonly ServerSection[] = [
  { id: 'overview', label: 'Overview', component: OverviewSection },
  { id: 'registration', label: 'Registration', component: RegistrationSection },
  { id: 'clients', label: 'Client Objects', component: ClientsSection },
  { id: 'messages', label: 'Inbox', component: MessagesSection },
  { id: 'credentials', label: 'Credentials', component: CredentialsSection },
  { id: 'grants', label: 'Grants', component: GrantsSection },
  { id: 'files', label: 'Files', component: FilesSection },
  { id: 'customer-data', label: 'Customer data', component: CustomerDataSection },
];

export function findServerSection(id: string): ServerSection {
  return serverSections.find((section) => section.id === id) ?? (serverSections[0] as ServerSection);
}
