/**
 * Which optional suites must run. Locally a suite whose dependency is missing is skipped
 * with a reason; with TRYGGVE_TEST_REQUIRE_ALL=1 (set by .ci/run) a missing PostgreSQL or
 * Chromium fails the run instead. The PostgreSQL server comes from TRYGGVE_TEST_DATABASE_URL,
 * or is started for the run when PostgreSQL is installed (see global-setup.ts).
 */
export const requireAll = process.env.TRYGGVE_TEST_REQUIRE_ALL === '1';
export const chromiumPath = process.env.TRYGGVE_CHROMIUM ?? '/usr/bin/chromium';
