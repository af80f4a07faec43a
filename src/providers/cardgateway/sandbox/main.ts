import { startCardGatewaySandbox } from './server';

/**
 * The sandbox as a process of its own (the fault suite runs it beside a gateway it kills and restarts, so the
 * platform's state outlives the gateway). SANDBOX_PORT picks the port (0 or unset: any free one). It keeps
 * everything in memory and persists nothing; SIGTERM/SIGINT stop it.
 */
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT: a port number from 0 to 65535 (got "${process.env.SANDBOX_PORT}")`);
  const sandbox = await startCardGatewaySandbox({ port });
  process.stdout.write(`cardgateway sandbox listening at ${sandbox.baseUrl}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
