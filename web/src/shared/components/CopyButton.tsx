import { useEffect, useState } from 'react';
import { Icon } from './Icon';

interface CopyButtonProps {
  text: string;
  /** What is copied, for the button's accessible name ("Copy password"). */
  what: string;
}

/**
 * Copies a secret shown once. The clipboard API needs a secure context (https or loopback); where
 * it is missing or refused the button says so, and the value stays selectable next to it.
 */
export function CopyButton({ text, what }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2_500);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <button type="button" className="button button--small" onClick={() => void copy()} aria-label={`Copy ${what}`}>
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy it' : 'Copy'}</span>
    </button>
  );
}
