export default async function globalTeardown(): Promise<void> {
  await globalThis.__PAYGRAPH_PG__?.stop();
}
