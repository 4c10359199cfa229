# syntax=docker/dockerfile:1
# The API and CLI as a container. The build stage runs scripts/prod-install.sh, the same
# script CI runs outside Docker (scripts/prod-smoke.sh: build, pack, `npm ci --omit=dev`
# from the packed output, then the compiled API started as below), so the two cannot drift
# (test/packaging/dockerfile.spec.ts checks this file calls it).
#   docker build -t account-ops .
#   docker run -p 3000:3000 -e ACCOUNT_OPS_API_KEYS=… -e ACCOUNT_OPS_CARD_SECRET=… \
#     -e ACCOUNT_OPS_SEARCH_KEY=… -e ACCOUNT_OPS_MASTER_KEY=… -v account-ops-data:/data account-ops

# Build: every dependency (TypeScript, Vite for the console; better-sqlite3 compiled here
# for the runtime stage's Node and libc), then the production install into /out/app.
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY libs/accounts/package.json libs/accounts/
COPY libs/event-store/package.json libs/event-store/
COPY libs/projections/package.json libs/projections/
COPY libs/engine/package.json libs/engine/
COPY libs/testing/package.json libs/testing/
RUN npm ci --no-audit --no-fund
COPY . .
RUN scripts/prod-install.sh /out/app

# Runtime: the same Node and Debian release, production dependencies only, no sources,
# no compiler, not root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    ACCOUNT_OPS_STORE=sqlite:/data/account-ops.db
WORKDIR /app
COPY --from=build --chown=root:root /out/app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
