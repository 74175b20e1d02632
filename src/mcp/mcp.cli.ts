import { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-exit';

/**
 * `chipguard mcp`: the MCP server for AI assistants on stdio (tools screen_party, classify_item, screen_order,
 * vet_cloud_customer, get_decision), running under the role of the key in CHIPGUARD_API_KEY.
 */
export function registerMcpCommands(program: Command, cli: CliContext): void {
  program
    .command('mcp')
    .description('serve the screening tools to an AI assistant over MCP (stdio), under the role of the key in CHIPGUARD_API_KEY')
    .action(async () => {
      const { serveMcp, McpAuthError } = await import('./mcp-server');
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir: not importable
        await cli.server((app) => serveMcp(app, String(require('../../package.json').version)));
      } catch (e) {
        if (!(e instanceof McpAuthError)) throw e;
        process.stderr.write(`chipguard mcp: ${e.message}\n`);
        process.exitCode = EXIT.error;
      }
    });
}
