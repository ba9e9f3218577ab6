/**
 * The browser tests' `test`: Playwright's, plus a guard on every test that fails it when the page
 * reported any Content-Security-Policy violation (a blocked script, style, frame or request).
 * Specs import `test` and `expect` from here.
 */
import { expect, test as base } from "@playwright/test";

export type CspViolations = string[];

declare global {
  interface Window {
    __conveyorCspViolation?: (violation: string) => void;
  }
}

export const test = base.extend<{ cspViolations: CspViolations }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: CspViolations = [];
      // A binding and an init script reach every page and frame of the context, before its scripts run.
      await context.exposeBinding("__conveyorCspViolation", (_source, violation: string) => void violations.push(violation));
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          window.__conveyorCspViolation?.(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} in ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations reported by the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
