import type { Page } from 'playwright-core';
import type { PageGuard } from './browser';

export interface StepContext {
  page: Page;
  guard: PageGuard;
  baseUrl: string;
  figures: Record<string, number>;
  accountUrl?: string;
  large?: { email: string; password: string; contacts: number };
}

export interface Step {
  name: string;
  run: (ctx: StepContext) => Promise<void>;
}
