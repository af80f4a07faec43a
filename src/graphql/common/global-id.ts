/** Relay global ids: base64url("Type:uuid"). Anything that doesn't decode to a known type behaves as not found. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return undefined;
  const [type, id, ...rest] = Buffer.from(globalId, 'base64url').toString('utf8').split(':');
  if (rest.length || !type || !id || !UUID.test(id)) return undefined;
  return { type, id };
}

/** The uuid behind a global id of the expected type, or undefined. */
export function idOf(globalId: string, type: string): string | undefined {
  const decoded = fromGlobalId(globalId);
  return decoded?.type === type ? decoded.id : undefined;
}

/** A site named by a Site global id or by its bare uuid, the two forms X-Acting-Site and partnerSiteId accept. */
export function siteIdOf(value: string): string | undefined {
  return UUID.test(value) ? value : idOf(value, 'Site');
}
