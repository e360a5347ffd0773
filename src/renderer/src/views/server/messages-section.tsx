import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { InboxIcon } from '../../components/icons';
import { useNavigationStore } from '../../stores/renderer-stores';
import { Inbox } from '../inbox/inbox';
import type { ServerSectionProps } from './server-section-props';

/**
 * The Server's Messages (cds-wg1-02 §6) as an Inbox. The Messages API needs the registration's
 * `cds_client_admin` Client Object (§6), so before registering there is nothing to show yet.
 */
export function MessagesSection({ server, overview, availableSections }: ServerSectionProps) {
  const openSection = useNavigationStore((state) => state.openSection);
  if (overview.registration === null) {
    return (
      <EmptyState
        icon={<InboxIcon size={28} />}
        title="No Inbox before registering"
        description={`Messages are exchanged with ${server.name} once you have registered: notifications, requests for information, and your support and grant requests.`}
        actions={
          availableSections.includes('registration') ? (
            <Button variant="primary" onPress={() => openSection('registration')}>
              Register with {server.name}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <Inbox
      server={server}
      timeZone={overview.timezone}
      scopes={overview.scopes}
      availableSections={availableSections}
    />
  );
}
