/** The page: GraphiQL's UMD scripts, then ours. All local (see playground-assets.ts). */
export const PLAYGROUND_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>paygraph playground</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/playground/assets/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
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

const DEFAULT_QUERY = `# paygraph playground
#
# 1. Headers tab below: paste your API key after "Bearer ".
#    Partners: put the id of the merchant site you act for
#    in "X-Acting-Site". Merchant keys leave it empty.
# 2. Run: Ctrl-Enter or the play button.
#
# Autocomplete and Docs load once a query succeeds. After
# changing keys, press the circular arrow (re-fetch schema).
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
 * Mounts GraphiQL on /graphql with a headers template. Headers are not persisted, so API keys stay out of
 * localStorage. The schema is introspected with the headers in the editor, which at page load hold no key
 * yet, so the first query that succeeds triggers GraphiQL's own "re-fetch schema", once per set of headers (with
 * introspection off it would otherwise fail again after every query). The server sends no
 * incremental results, and plain (non-multipart) fetches resolve to a result the wrapper can inspect.
 * Subscriptions go over WebSocket to the same path (graphql-ws, bundled in GraphiQL), which sends the editor's
 * headers as the connection_init payload: the gateway reads Authorization and X-Acting-Site from it.
 */
export const PLAYGROUND_SCRIPT = `(function () {
  'use strict';
  var base = GraphiQL.createFetcher({
    url: new URL('/graphql', window.location.href).href,
    subscriptionUrl: new URL('/graphql', window.location.href).href.replace(/^http/, 'ws'),
    enableIncrementalDelivery: false
  });
  var schemaLoaded = false;
  var refetchedFor = null;
  function refetchSchemaOnce(headers) {
    var key = JSON.stringify(headers || {});
    if (key === refetchedFor) return;
    refetchedFor = key;
    var button = document.querySelector('button[aria-label="Re-fetch GraphQL schema"]');
    if (button && !button.disabled) button.click();
  }
  function fetcher(params, options) {
    var introspection = params.operationName === 'IntrospectionQuery';
    var result = base(params, options);
    Promise.resolve(result).then(function (response) {
      if (!response || typeof response !== 'object') return;
      if (introspection) schemaLoaded = Boolean(response.data && response.data.__schema);
      else if (!schemaLoaded && response.data) refetchSchemaOnce(options && options.headers);
    }, function () {});
    return result;
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
    defaultHeaders: ${JSON.stringify(DEFAULT_HEADERS)},
    shouldPersistHeaders: false,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'headers'
  }));
})();
`;
