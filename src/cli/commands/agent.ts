import { agentStatus, stopAgent } from '../agent/agent-client';
import type { CommandGroup } from '../cli-types';
import { fields } from '../format';

// `cds-companion agent status|stop`: the background Companion that runs the commands of a data
// directory (docs/decisions/0002-cli-agent.md). Run in the person's own process (command-table.ts
// `local`), with no passphrase needed: they neither read nor change the data.

export const command: CommandGroup = {
  name: 'agent',
  summary:
    'The background Companion that runs the commands of a data directory: started by the first command that needs it, it exits after CDS_COMPANION_AGENT_IDLE_SECONDS (default 300) without commands. CDS_COMPANION_AGENT=off runs every command in its own process instead.',
  subcommands: {
    status: {
      usage: 'agent status',
      summary: 'Shows whether a background Companion serves the data directory: pid, uptime, idle timeout.',
      positionals: [0, 0],
      run: async (context) => {
        const status = await agentStatus(context.dataDir, context.env);
        if (status === null) {
          return {
            json: { running: false, dataDir: context.dataDir },
            text: `no background Companion runs for ${context.dataDir}`,
          };
        }
        return {
          json: { running: true, ...status },
          text: fields([
            ['Pid', status.pid],
            ['Data directory', status.dataDir],
            ['Version', status.version],
            ['Socket', status.socket],
            ['Uptime', `${status.uptimeSeconds} s`],
            ['Idle timeout', `${status.idleTimeoutSeconds} s`],
            ['Running commands', status.runningCommands],
          ]),
        };
      },
    },
    stop: {
      usage: 'agent stop',
      summary: 'Stops the background Companion of the data directory once its running commands have ended.',
      positionals: [0, 0],
      run: async (context) => {
        const pid = await stopAgent(context.dataDir, context.env);
        return {
          json: { stopped: pid !== null, pid, dataDir: context.dataDir },
          text:
            pid === null
              ? `no background Companion runs for ${context.dataDir}`
              : `stopped the background Companion (pid ${pid}) of ${context.dataDir}`,
        };
      },
    },
  },
};
