import type { Page } from 'playwright-core';
import type { PageGuard } from './browser';
import type { ScriptTransfer } from './transfer';

export interface StepContext {
  page: Page;
  guard: PageGuard;
  baseUrl: string;
  figures: Record<string, number>;
  /** the scripts received since the page was opened */
  scripts: { measure(): Promise<ScriptTransfer> };
  accountUrl?: string;
  large?: { email: string; password: string; contacts: number };
}

export interface Step {
  name: string;
  run: (ctx: StepContext) => Promise<void>;
}
