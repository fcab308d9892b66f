# syntax=docker/dockerfile:1
# One image for the API (`server`), the workers and the migration step; a second, nginx-only image
# (`web`) serves the built dashboard and spreads /graphql over the API replicas.

ARG NODE_IMAGE=node:24.21-bookworm-slim

# --- everything needed to build: all dependencies (Vite, TypeScript) --------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json schema.graphql ./
COPY server ./server
COPY workers ./workers
COPY web ./web
RUN npm run build:web && npm run build:server

# --- production dependencies only -------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- the application image: server, workers, migrate (pick with the command) -------------------
FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production PORT=4000
# package.json's config.malloc_env: glibc's mmap threshold held at its default, so it does not slide up after a
# large free (argon2's 19 MiB) and keep such blocks in the process once freed (see README, Operations).
ENV MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json schema.graphql ./
COPY --chown=node:node server/src ./server/src
COPY --chown=node:node workers/src ./workers/src
COPY --from=build --chown=node:node /app/web/dist ./web/dist
COPY --from=build --chown=node:node /app/dist/server ./dist/server
COPY --from=build --chown=node:node /app/dist/workers ./dist/workers
# The official image's unprivileged user; nothing in the app needs root.
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The API, the workers and the migration run precompiled (npm run build:server builds dist/server and
# dist/workers): without TypeScript and SWC's require hook in the process each idles at about two thirds
# of the memory. The other CLIs still run the TypeScript sources through the hook (server/src stays for them).
# package.json's config.node_options, on the command line: node refuses V8 heap flags such as
# --heap-growing-percent in NODE_OPTIONS (a test keeps the two equal). Commands name the script only.
ENTRYPOINT ["node", "--heap-growing-percent=30", "--min-semi-space-size=32", "--max-semi-space-size=32"]
CMD ["dist/server/main.js"]

# --- the web entry: static dashboard + reverse proxy, as an unprivileged nginx ------------------
FROM nginxinc/nginx-unprivileged:1.27-alpine AS web
COPY web/deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/web/dist /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -qO- http://127.0.0.1:8080/nginx-health >/dev/null || exit 1
