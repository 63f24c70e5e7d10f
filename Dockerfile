# syntax=docker/dockerfile:1
# posture-bot as a container: Node 22, built in one stage, run in another without the build tools, dev dependencies
# or sources it does not need, as the unprivileged `node` user. Build: docker build -t posture-bot .
# Run (production needs the bot identity, see README "Deploy to Azure"):
#   docker run -p 3978:3978 -v posture-data:/data -e BOT_ID=... -e BOT_PASSWORD=... -e BOT_TENANT_ID=... posture-bot

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 is a native addon: its prebuilt binary is used when one matches, otherwise node-gyp builds it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
# Scripts off: `prepare` compiles sources not copied yet. Then the two install scripts the bot needs run: the
# better-sqlite3 build and botbuilder-dialogs' clean-up of nested recognizer packages.
RUN npm install --include=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 botbuilder-dialogs
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# Files the bot reads at run time from the project folder (src/paths.ts projectPath).
COPY --from=build --chown=root:root /app/src/posture/catalog/catalog.json ./src/posture/catalog/catalog.json
COPY --from=build --chown=root:root /app/src/posture/demo/*.json ./src/posture/demo/
COPY --chown=root:root adaptiveCards ./adaptiveCards
COPY --chown=root:root env ./env
COPY --chown=root:root iac-demo ./iac-demo
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/index.js"]
