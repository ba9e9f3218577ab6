/** The parallel group's step ids in the crash test's app (shared with the test, which checks outputs). */
export const GROUP = ["g0", "g1", "g2"];
