import { createActivityLog } from '../activity-log';
import type { CompanionModuleFactory } from '../companion-module';

/** The activity timeline (`activity.list`, event `activity.recorded`): every HTTP attempt, redacted. */
export const activityModule: CompanionModuleFactory = async (core) => {
  const log = createActivityLog(() => core.clock.now());
  const stop = core.onHttpActivity((activity) => {
    core.events.emit('activity.recorded', log.record(activity));
  });
  return {
    area: 'activity',
    handlers: {
      'activity.list': async (filter) => {
        if (filter?.serverId === undefined) return log.list(filter ?? {});
        // A Server given by name lists under its id, as every other area does.
        const server = core.findServer(filter.serverId, 'listing the activity');
        return log.list({ ...filter, serverId: server.id });
      },
    },
    close: async () => stop(),
  };
};
