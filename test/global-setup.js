// Detects a container runtime once per run so *.e2e.spec.ts suites can skip, saying why, when none is found.
module.exports = async () => {
  // The API runs its policies and automation rules by default; tests ask for them (ITIL_POLICIES=on)
  // where they are the subject, so other tests' event counts are theirs alone. Child processes inherit it.
  if (process.env.ITIL_POLICIES === undefined) process.env.ITIL_POLICIES = 'off';
  if (process.env.CONTAINER_RUNTIME !== undefined) return;
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    await getContainerRuntimeClient();
    process.env.CONTAINER_RUNTIME = 'available';
  } catch (error) {
    process.env.CONTAINER_RUNTIME = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
  }
};
