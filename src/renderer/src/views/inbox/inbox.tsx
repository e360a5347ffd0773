import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageListResult, MessageView } from '../../../../shared/ipc/messages-contract';
import type { ScopeView, ServerSummary } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { InboxIcon, PenIcon } from '../../components/icons';
import { QueryView } from '../../components/query-view';
import { SegmentedControl } from '../../components/segmented-control';
import { useServiceQuery } from '../../ipc/use-service-query';
import { filterOf, type InboxFilter, selectedMessageOf } from '../../stores/inbox-store';
import { useInboxStore, useNavigationStore, useRendererStores } from '../../stores/renderer-stores';
import { ComposeDialog, type ComposeMode } from './compose-dialog';
import { buildInboxModel, filterMessages, type InboxModel, threadOf } from './inbox-model';
import type { MessageAppLink } from './message-links';
import { MessageList } from './message-list';
import { MessageThread } from './message-thread';
import { useInboxActions } from './use-inbox-actions';
import './inbox.css';

export interface InboxProps {
  readonly server: ServerSummary;
  readonly timeZone: string | null;
  readonly scopes: readonly ScopeView[];
  /** The workspace's section ids: a Message links to another section only when it exists. */
  readonly availableSections: readonly string[];
}

const filterNames: Readonly<Record<InboxFilter, string>> = {
  all: 'All',
  unread: 'Unread',
  outstanding: 'Outstanding',
  read: 'Read',
};

/**
 * The Inbox of one Server: the cached listing (cds-wg1-02 §6.8, refreshed by sync, polling and the
 * messages.changed event) in a virtualised list filtered by section, the open conversation beside
 * it, and the compose dialog for new Messages, replies and answers.
 */
export function Inbox({ server, timeZone, scopes, availableSections }: InboxProps) {
  const listing = useServiceQuery({
    key: `messages.list:${server.id}`,
    load: (cds) => cds.messages.list(server.id, { cached: true }),
    watch: ['messages'],
    serverId: server.id,
  });
  const actions = useInboxActions(server.id, server.name);
  const { checkForNew } = actions;
  const [checking, setChecking] = useState(false);

  const runCheck = useCallback(async () => {
    setChecking(true);
    await checkForNew();
    setChecking(false);
  }, [checkForNew]);

  // Opening the Inbox reads the Server once (the cached listing shows meanwhile).
  useEffect(() => {
    void runCheck();
  }, [runCheck]);

  return (
    <QueryView
      query={listing.state}
      loadingLabel={`Loading the Messages of ${server.name}`}
      errorTitle={`The Messages of ${server.name} could not be loaded`}
      onRetry={listing.reload}
    >
      {(result) => (
        <LoadedInbox
          server={server}
          timeZone={timeZone}
          scopes={scopes}
          availableSections={availableSections}
          result={result}
          actions={actions}
          checking={checking}
          onCheck={() => void runCheck()}
        />
      )}
    </QueryView>
  );
}

function LoadedInbox({
  server,
  timeZone,
  scopes,
  availableSections,
  result,
  actions,
  checking,
  onCheck,
}: InboxProps & {
  readonly result: MessageListResult;
  readonly actions: ReturnType<typeof useInboxActions>;
  readonly checking: boolean;
  readonly onCheck: () => void;
}) {
  const stores = useRendererStores();
  const model = useMemo(() => buildInboxModel(result), [result]);
  const filter = useInboxStore((state) => filterOf(state, server.id));
  const selectedId = useInboxStore((state) => selectedMessageOf(state, server.id));
  const focus = useNavigationStore((state) => state.focus);
  const openSection = useNavigationStore((state) => state.openSection);
  const [compose, setCompose] = useState<ComposeMode | null>(null);
  const [marking, setMarking] = useState(false);
  const autoRead = useRef(new Set<string>());
  const appliedFocus = useRef<string | null>(null);
  const { markRead } = actions;

  const visible = useMemo(() => filterMessages(model, filter), [model, filter]);
  const selected = selectedId === null ? undefined : model.byId.get(selectedId);

  // The listing carries the freshest unread count: keep the sidebar and the Server bar badges in step.
  useEffect(() => {
    stores.servers.getState().recordUnreadCount(server.id, result.unreadCount);
  }, [stores, server.id, result.unreadCount]);

  // "See the Message" links elsewhere open the Inbox on one Message (navigation `focus`).
  useEffect(() => {
    if (focus === null || focus === appliedFocus.current || !model.byId.has(focus)) return;
    appliedFocus.current = focus;
    stores.inbox.getState().selectMessage(server.id, focus);
  }, [focus, model, stores, server.id]);

  // Opening an unread Message marks it read (§6.11), once: "Mark as unread" afterwards sticks.
  useEffect(() => {
    if (!selected || selected.read || autoRead.current.has(selected.messageId)) return;
    autoRead.current.add(selected.messageId);
    void markRead(selected, true, { quiet: true });
  }, [selected, markRead]);

  const select = useCallback(
    (message: MessageView) => stores.inbox.getState().selectMessage(server.id, message.messageId),
    [stores, server.id],
  );
  const threadSizeOf = useCallback(
    (message: MessageView) => model.threads.get(message.threadId)?.length ?? 1,
    [model],
  );

  const toggleRead = async (message: MessageView) => {
    autoRead.current.add(message.messageId);
    setMarking(true);
    await markRead(message, !message.read);
    setMarking(false);
  };

  // What was just sent is shown in its conversation (a new Message may not match the filter).
  const onSent = (message: MessageView, mode: ComposeMode) => {
    if (mode.type === 'new') stores.inbox.getState().chooseFilter(server.id, 'all');
    stores.inbox.getState().selectMessage(server.id, message.messageId);
  };

  return (
    <div className="inbox">
      <div className="inbox__toolbar">
        <h2 className="inbox__title">Inbox</h2>
        <SegmentedControl<InboxFilter>
          label="Show Messages"
          value={filter}
          onChange={(next) => stores.inbox.getState().chooseFilter(server.id, next)}
          segments={(['all', 'unread', 'outstanding', 'read'] as const).map((id) => ({
            id,
            label: filterNames[id],
            count: model.counts[id],
          }))}
        />
        <span className="inbox__toolbar-spacer" />
        <Button variant="secondary" size="sm" isPending={checking} onPress={onCheck}>
          Check for new Messages
        </Button>
        <Button variant="primary" size="sm" onPress={() => setCompose({ type: 'new' })}>
          <PenIcon size={16} />
          New message
        </Button>
      </div>
      {model.messages.length === 0 ? (
        <EmptyState
          icon={<InboxIcon size={28} />}
          title="No Messages yet"
          description={`Notifications, requests and answers from ${server.name} appear here. You can write to its staff at any time.`}
          actions={
            <Button variant="primary" onPress={() => setCompose({ type: 'new' })}>
              Write a message
            </Button>
          }
        />
      ) : (
        <div className="inbox__panes">
          <div className="inbox__list-pane">
            {visible.length === 0 ? (
              <EmptyFilter
                filter={filter}
                onShowAll={() => stores.inbox.getState().chooseFilter(server.id, 'all')}
              />
            ) : (
              <MessageList
                label={`${filterNames[filter]} Messages of ${server.name}`}
                messages={visible}
                selectedId={selectedId}
                onSelect={select}
                threadSizeOf={threadSizeOf}
                serverName={server.name}
                timeZone={timeZone}
              />
            )}
          </div>
          <div className="inbox__detail-pane">
            {selected ? (
              <MessageThread
                message={selected}
                thread={threadOf(model, selected)}
                serverName={server.name}
                isMarking={marking}
                onToggleRead={(message) => void toggleRead(message)}
                onReply={(message) => setCompose({ type: 'reply', replyTo: message })}
                onAnswer={(request) => setCompose({ type: 'answer', request })}
                onSaveAttachment={actions.saveAttachment}
                availableSections={availableSections}
                onOpenSection={(link: MessageAppLink) => openSection(link.section)}
              />
            ) : (
              <NothingOpen model={model} />
            )}
          </div>
        </div>
      )}
      <ComposeDialog
        mode={compose}
        serverId={server.id}
        serverName={server.name}
        scopes={scopes}
        send={actions.send}
        onClose={() => setCompose(null)}
        onSent={onSent}
      />
    </div>
  );
}

function EmptyFilter({
  filter,
  onShowAll,
}: {
  readonly filter: InboxFilter;
  readonly onShowAll: () => void;
}) {
  const words: Readonly<Record<InboxFilter, { title: string; description: string }>> = {
    all: { title: 'No Messages', description: '' },
    unread: { title: 'Nothing unread', description: 'You have read every Message.' },
    outstanding: {
      title: 'Nothing outstanding',
      description: 'No request is open or waiting for the Server (cds-wg1-02 §6.8).',
    },
    read: { title: 'Nothing read yet', description: 'Messages you open appear here.' },
  };
  return (
    <EmptyState
      headingLevel={3}
      title={words[filter].title}
      description={words[filter].description}
      actions={
        <Button variant="secondary" size="sm" onPress={onShowAll}>
          Show all Messages
        </Button>
      }
    />
  );
}

function NothingOpen({ model }: { readonly model: InboxModel }) {
  const { unread, outstanding } = model.counts;
  return (
    <div className="inbox__placeholder">
      <InboxIcon size={32} />
      <p className="inbox__placeholder-title">Choose a Message to read it</p>
      <p className="inbox__placeholder-text">
        {unread} unread · {outstanding} outstanding. Use the arrow keys in the list to move between Messages.
      </p>
    </div>
  );
}
