import { Command } from 'commander';
import { EXIT } from '../cli-exit';

/**
 * `chipguard mcp`: the MCP server for AI assistants on stdio (tools screen_party, classify_item, screen_order,
 * vet_cloud_customer, get_decision), running under the role of the key in CHIPGUARD_API_KEY.
 */
export function registerMcpCommands(program: Command): void {
  program
    .command('mcp')
    .description('serve the screening tools to an AI assistant over MCP (stdio), under the role of the key in CHIPGUARD_API_KEY')
    .action(async () => {
      const [{ serveMcp, McpAuthError }, { loadConfig }] = await Promise.all([import('./mcp-server'), import('../config/config')]);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir: not importable
        await serveMcp(loadConfig(), String(require('../../package.json').version));
      } catch (e) {
        if (!(e instanceof McpAuthError)) throw e;
        process.stderr.write(`chipguard mcp: ${e.message}\n`);
        process.exitCode = EXIT.error;
      }
    });
}
