import { join } from 'node:path';

/** The size of the large workspace whose list is measured (RAPPORT_E2E_LARGE=0 leaves it out). */
export const largeContacts = Number(process.env.RAPPORT_E2E_LARGE ?? 100_000);

/** The demo admin's session, saved by the global set-up and loaded by every signed-in test. */
export const adminState = join(process.cwd(), 'e2e', 'artifacts', 'admin-session.json');

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 375, height: 812 };
