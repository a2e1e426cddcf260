import { dropDatabase } from '../infra/index.mjs';

export default async function globalTeardown() {
  const adminUrl = process.env.HOOKLINE_TEST_ADMIN_DATABASE_URL;
  const database = process.env.HOOKLINE_TEST_DATABASE;
  if (adminUrl && database && process.env.HOOKLINE_KEEP_TEST_DATABASE !== 'true') {
    await dropDatabase(adminUrl, database);
  }
}
