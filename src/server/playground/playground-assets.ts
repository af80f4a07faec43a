import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { playgroundScript } from './playground-page';
import { trustedDocumentTabs } from './playground-tabs';

export interface Asset {
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * GraphiQL 3 and React 18 ship UMD builds that run without a bundler, so the playground is served straight
 * from node_modules: nothing is fetched from a CDN, and it works on a machine with no internet.
 */
const FROM_PACKAGES: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: JS },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: JS },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: JS },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: CSS },
};

export const ASSET_NAMES = [...Object.keys(FROM_PACKAGES), 'playground.js'];

/** Loads each asset on first use and keeps it with its gzip form and ETag; a missing package fails at start. */
export function createAssetStore(): (name: string) => Asset | undefined {
  const paths = Object.fromEntries(
    Object.entries(FROM_PACKAGES).map(([name, s]) => [name, join(dirname(require.resolve(`${s.pkg}/package.json`)), s.file)]),
  );
  const cache = new Map<string, Asset>();
  return (name) => {
    if (!ASSET_NAMES.includes(name)) return undefined;
    let asset = cache.get(name);
    if (!asset) {
      asset =
        name === 'playground.js'
          ? toAsset(Buffer.from(playgroundScript(trustedDocumentTabs())), JS)
          : toAsset(readFileSync(paths[name]), FROM_PACKAGES[name].type);
      cache.set(name, asset);
    }
    return asset;
  };
}

function toAsset(body: Buffer, contentType: string): Asset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { contentType, body, gzip: gzipSync(body), etag };
}
