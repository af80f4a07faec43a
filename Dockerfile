# syntax=docker/dockerfile:1
# paygraph: build with dev dependencies, run with production ones only.
# docker build -t paygraph . && docker run -p 4000:4000 -e DATABASE_URL=... -e ENCRYPTION_KEY=... paygraph

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
# The benchmark (src/bench) is a development tool: it stays out of the image.
RUN npm run build && rm -rf dist/src/bench

FROM node:24-bookworm-slim AS runtime
# The image's own Node 24 runs the gateway: `node` (the npm package) is a dev dependency and is omitted here.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# DATA_DIR holds the embedded database and its key when DATABASE_URL is unset (a trial run, not production).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
VOLUME ["/data"]
# Liveness only: /healthz needs no database, so a database outage doesn't get the container restarted.
# Load balancers should route on /readyz instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The entry applies pending migrations before it listens, then serves; SIGTERM drains and exits 0.
CMD ["node", "dist/src/main.js"]
