// Small inline SVG icons: decorative, hidden from assistive technology.

export function BrandMark() {
  return (
    <svg class="brand-mark" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="22" height="22" rx="6" class="brand-mark-bg" />
      <path
        d="M8.2 6.5c.5-.5 1.3-.5 1.8 0l1.3 1.3c.5.5.5 1.3 0 1.8l-.8.8c.7 1.4 1.8 2.5 3.2 3.2l.8-.8c.5-.5 1.3-.5 1.8 0l1.3 1.3c.5.5.5 1.3 0 1.8l-.9.9c-.8.8-2 1-3 .5a13 13 0 0 1-6-6c-.5-1-.3-2.2.5-3Z"
        class="brand-mark-fg"
      />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <rect x="5" y="10.5" width="14" height="10" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M8 10.5V8a4 4 0 0 1 8 0v2.5" fill="none" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

export function ExitIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M10 4H5v16h5" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
      <path d="M14 8l4 4-4 4M18 12H9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function SyncIcon() {
  return (
    <svg class="icon sync-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M19.5 12a7.5 7.5 0 0 1-13 5.1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      <path d="M4.5 12a7.5 7.5 0 0 1 13-5.1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      <path d="M18 3v4.5h-4.5M6 21v-4.5h4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
