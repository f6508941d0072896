// Detects a container runtime once per run so *.e2e.spec.ts suites can skip, saying why, when none is found.
module.exports = async () => {
  if (process.env.CONTAINER_RUNTIME !== undefined) return;
  try {
    const { getContainerRuntimeClient } = require('testcontainers');
    await getContainerRuntimeClient();
    process.env.CONTAINER_RUNTIME = 'available';
  } catch (error) {
    process.env.CONTAINER_RUNTIME = `unavailable: ${error instanceof Error ? error.message : String(error)}`;
  }
};
