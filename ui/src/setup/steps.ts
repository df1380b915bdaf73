// The first-run wizard's steps as plain data: which steps a path has, where
// Enter and Escape lead, and which step shows the field a backend error names.
// The screen only renders what these functions decide.

/** "Create a new organisation" (the first supervisor) or "Join my organisation" (an enrolled device). */
export type SetupPath = 'create' | 'join';

export type StepId = 'start' | 'organisation' | 'supervisor' | 'region' | 'server' | 'directory' | 'join' | 'done';

const STEPS: Readonly<Record<SetupPath, readonly StepId[]>> = {
  create: ['start', 'organisation', 'supervisor', 'region', 'server', 'directory', 'done'],
  join: ['start', 'join', 'done'],
};

/**
 * The step whose "Next" creates the device (set-up or joining). Steps before
 * it only collect answers; from the step after it the device exists, so
 * going back past that point is not offered.
 */
const CREATES: Readonly<Record<SetupPath, StepId>> = { create: 'region', join: 'join' };

export function stepsOf(path: SetupPath): readonly StepId[] {
  return STEPS[path];
}

export function nextStep(path: SetupPath, step: StepId): StepId | null {
  const steps = STEPS[path];
  return steps[steps.indexOf(step) + 1] ?? null;
}

/** Where Escape or "Back" leads: nowhere from the start, nor back into answers the device already holds. */
export function previousStep(path: SetupPath, step: StepId, created: boolean): StepId | null {
  const steps = STEPS[path];
  const index = steps.indexOf(step);
  if (index <= 0) return null;
  const previous = steps[index - 1]!;
  if (created && steps.indexOf(previous) <= steps.indexOf(CREATES[path])) return null;
  if (!created && step === 'done') return null;
  return previous;
}

export function createsDevice(path: SetupPath, step: StepId): boolean {
  return CREATES[path] === step;
}

/** The fields of each step, by the backend's field names (`PublicError.field`). */
const FIELDS_OF: Readonly<Partial<Record<StepId, readonly string[]>>> = {
  organisation: ['organisationName'],
  supervisor: ['login', 'displayName', 'passphrase'],
  region: ['homeRegion', 'region'],
  server: ['serverUrl', 'deviceName', 'serverCertificate', 'registrationSecret'],
  join: ['package', 'code', 'login', 'displayName', 'passphrase'],
};

/**
 * The step on `path` that shows `field`, so a set-up refused for a field of
 * an earlier step goes back there with the error beside it; null when no
 * step has it.
 */
export function stepOfField(path: SetupPath, field: string | undefined): StepId | null {
  if (field === undefined) return null;
  return STEPS[path].find((step) => FIELDS_OF[step]?.includes(field)) ?? null;
}
