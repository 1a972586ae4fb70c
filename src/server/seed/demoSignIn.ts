import { eq } from 'drizzle-orm';
import { identities } from '../../modules/auth/server';
import type { Database } from '../db/database';

/** Apart from the demo data (demo.ts), whose generator weighs about 36 MB once loaded: `start` needs only this. */
export const demoLogin = { email: 'admin@demo.rapport.test', password: 'demo-password-1' };

/** Whether the demo workspace exists: its admin's sign-in is in the directory. */
export async function hasDemoWorkspace(db: Database): Promise<boolean> {
  const found = await db.read((x) =>
    x.select().from(identities).where(eq(identities.email, demoLogin.email)),
  );
  return found.length > 0;
}
