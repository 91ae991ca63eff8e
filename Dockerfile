# syntax=docker/dockerfile:1
# Loopkeeper in a container: docker build -t loopkeeper . (see README.md, "Deploy for many workspaces").
# `npm run build` bundles the app into dist/; the image runs that with plain node, exactly like `npm start`.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: production dependencies only. The toolchain is here, not in the final image, in case better-sqlite3
# ---- finds no prebuilt binary for the platform and has to compile.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force

# ---- build: the bundle (esbuild is a production dependency: `npm start` builds on a fresh clone too).
FROM deps AS build
COPY tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# ---- runtime: node, the production node_modules, the bundle; the sources stay for the CLIs (`npm run migrate`,
# ---- `db:copy`, imports), which run with tsx. Runs as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  DATABASE_URL=file:/app/data/loopkeeper.sqlite
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY migrations ./migrations
COPY --from=build /app/dist ./dist
# The SQLite file lives in /app/data: the node user must own it (a named volume takes this ownership on first use).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# No curl in slim images: node asks /healthz (200 when the database and the Slack connection are fine, else 503).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs, without npm in between: SIGTERM reaches Loopkeeper, which finishes in-flight work and exits.
CMD ["node", "dist/src/main.js"]
