# One image for every RoleRadar process; the command picks the role (migrate, serve, worker, start).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY sql ./sql
COPY tsconfig.json ./
# The bundle the roleradar command runs (bin/build.js); built once here, as root, before USER node.
RUN node bin/build.js
USER node
EXPOSE 8080
ENTRYPOINT ["node", "bin/roleradar.js"]
CMD ["start"]
