import type { PlaygroundTab } from './playground-tabs';

/** The page: GraphiQL's UMD scripts, then ours. All local (see playground-assets.ts). */
export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>paygraph playground</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/playground/assets/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; } #playground { display: flex; flex-direction: column; height: 100%; }
  #playground > .graphiql-host { flex: 1; min-height: 0; } .pg-bar { padding: 6px 12px; font: 14px system-ui, sans-serif; border-bottom: 1px solid #ddd; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <noscript>The playground needs JavaScript.</noscript>
  <script src="/playground/assets/react.js"></script>
  <script src="/playground/assets/react-dom.js"></script>
  <script src="/playground/assets/graphiql.js"></script>
  <script src="/playground/assets/playground.js"></script>
</body>
</html>
`;

const WELCOME = `# paygraph playground
#
# 1. Headers tab below: paste your API key after "Bearer ".
#    A partner key lists the sites that granted it access in
#    the bar above; pick one to fill in "X-Acting-Site".
# 2. Run: Ctrl-Enter or the play button.
#
# The other tabs hold the typed client's operations (the
# trusted documents). Docs and autocomplete need no key.
# Mutations take an idempotencyKey in their input.

query Viewer {
  viewer {
    site { name kind }
    actingSite { id name }
    isPartner
    scopes
  }
}
`;

const DEFAULT_HEADERS = JSON.stringify({ Authorization: 'Bearer ', 'X-Acting-Site': '' }, null, 2);

/**
 * GraphiQL with a site picker above it. Headers are not persisted, so API keys stay out of localStorage. The
 * schema comes from /playground/schema.json (no key needed; falls back to introspecting /graphql with the
 * editor's headers when that is off). The picker asks `viewer { grantedSites }` with the pasted key; for a
 * partner with no site named yet it fills X-Acting-Site with the first one. The server sends no incremental
 * results, and plain (non-multipart) fetches resolve to a result the wrapper can inspect.
 * Subscriptions go over WebSocket to the same path (graphql-ws, bundled in GraphiQL), which sends the editor's
 * headers as the connection_init payload: the gateway reads Authorization and X-Acting-Site from it.
 */
export function playgroundScript(tabs: PlaygroundTab[]): string {
  return `(function () {
  'use strict';
  var e = React.createElement;
  var graphqlUrl = new URL('/graphql', window.location.href).href;
  var base = GraphiQL.createFetcher({ url: graphqlUrl, subscriptionUrl: graphqlUrl.replace(/^http/, 'ws'), enableIncrementalDelivery: false });
  var DEFAULT_HEADERS = ${JSON.stringify(DEFAULT_HEADERS)};
  var TABS = ${JSON.stringify([{ query: WELCOME }, ...tabs])};
  var SITES = 'query PlaygroundSites { viewer { isPartner grantedSites { site { id name } effectiveScopes } } }';
  var schema = null;
  function fetcher(params, options) {
    if (params.operationName !== 'IntrospectionQuery') return base(params, options);
    schema = schema || fetch('/playground/schema.json').then(function (r) { return r.ok ? r.json() : null; }, function () { return null; });
    return schema.then(function (result) { return result || base(params, options); });
  }
  function parse(text) {
    try { var h = JSON.parse(text || '{}'); return h && typeof h === 'object' ? h : {}; } catch (x) { return {}; }
  }
  function keyOf(headers) {
    var m = /^Bearer\\s+(\\S+)$/i.exec(headers.Authorization || headers.authorization || '');
    return m ? m[1] : '';
  }
  function grantedSites(key) {
    return fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
      body: JSON.stringify({ query: SITES, operationName: 'PlaygroundSites' }) })
      .then(function (r) { return r.json(); })
      .then(function (body) { return body && body.data ? body.data.viewer : null; }, function () { return null; });
  }
  function SitePicker(props) {
    var viewer = props.viewer;
    if (!viewer || !viewer.isPartner) return null;
    if (!viewer.grantedSites.length) return e('div', { className: 'pg-bar', id: 'site-picker' }, 'No site has granted this partner key access yet.');
    var options = [e('option', { key: '', value: '' }, 'choose a site')].concat(viewer.grantedSites.map(function (g) {
      return e('option', { key: g.site.id, value: g.site.id }, g.site.name + ' (' + g.effectiveScopes.join(', ') + ')');
    }));
    return e('label', { className: 'pg-bar', id: 'site-picker' }, 'Act for site: ',
      e('select', { value: props.acting, onChange: function (ev) { props.onPick(ev.target.value); } }, options));
  }
  function Playground() {
    var headersState = React.useState(DEFAULT_HEADERS), headers = headersState[0], setHeaders = headersState[1];
    var viewerState = React.useState(null), viewer = viewerState[0], setViewer = viewerState[1];
    var current = parse(headers);
    var key = keyOf(current);
    function withSite(text, id) { var h = parse(text); h['X-Acting-Site'] = id; return JSON.stringify(h, null, 2); }
    React.useEffect(function () {
      setViewer(null);
      if (!key) return undefined;
      var live = true;
      var timer = setTimeout(function () {
        grantedSites(key).then(function (found) {
          if (!live) return;
          setViewer(found);
          if (found && found.isPartner && found.grantedSites.length) {
            setHeaders(function (text) { return parse(text)['X-Acting-Site'] ? text : withSite(text, found.grantedSites[0].site.id); });
          }
        });
      }, 250);
      return function () { live = false; clearTimeout(timer); };
    }, [key]);
    return e('div', { id: 'playground' },
      e(SitePicker, { viewer: viewer, acting: current['X-Acting-Site'] || '', onPick: function (id) { setHeaders(withSite(headers, id)); } }),
      e('div', { className: 'graphiql-host' }, e(GraphiQL, {
        fetcher: fetcher,
        defaultTabs: TABS,
        headers: headers,
        onEditHeaders: setHeaders,
        shouldPersistHeaders: false,
        isHeadersEditorEnabled: true,
        defaultEditorToolsVisibility: 'headers'
      })));
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(e(Playground));
})();
`;
}
