import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations into migrations/; our migrator (src/main/db/migrator.ts)
// applies them. FTS5 and triggers go in custom migrations: `npx drizzle-kit generate --custom --name x`.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/db/schema.ts',
  out: './migrations',
  breakpoints: true,
});
