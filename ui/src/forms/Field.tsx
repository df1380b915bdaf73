import type { ComponentChildren } from 'preact';

/** The attributes that tie a control to its label, hint and error. */
export interface ControlA11y {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (control: ControlA11y) => ComponentChildren;
}

/** A labelled control with an optional hint and an error shown beneath it. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control: ControlA11y = { id };
  if (describedBy) control['aria-describedby'] = describedBy;
  if (error) control['aria-invalid'] = 'true';
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children(control)}
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The error summary at the top of a form; announced when it appears. */
export function FormError({ id, text }: { id?: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="form-error" id={id} role="alert">
      {text}
    </p>
  );
}

/** A quiet confirmation after a form succeeded. */
export function FormStatus({ text }: { text: string | undefined }) {
  return (
    <p class="form-status" role="status">
      {text || null}
    </p>
  );
}
