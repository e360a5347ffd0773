import { useNavigationStore } from '../../stores/renderer-stores';

/**
 * Opens a Message in the workspace's Messages section, when the workspace has one; undefined
 * otherwise, so a "See the Message" link is shown only where it leads somewhere.
 */
export function useOpenMessage(
  availableSections: readonly string[],
): ((messageId: string) => void) | undefined {
  const openSection = useNavigationStore((state) => state.openSection);
  if (!availableSections.includes('messages')) return undefined;
  return (messageId) => openSection('messages', messageId);
}
