import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import type { AlertRuleInput } from '../../../generated/graphql';
import { useLive } from '../../connection/hooks/useLive';
import { describeAlertError } from '../describe-alert-error';
import { UpdateAlertRuleMutation } from '../graphql/update-alert-rule.mutation';

/** Saves a rule's thresholds, timing and channels; a refused input keeps the form open with the server's reason. */
export function useSaveAlertRule() {
  const { refresh } = useLive();
  const [{ fetching }, update] = useMutation(UpdateAlertRuleMutation);
  const [error, setError] = useState<string | null>(null);
  const save = useCallback(
    async (id: string, input: AlertRuleInput): Promise<boolean> => {
      setError(null);
      const result = await update({ id, input });
      if (result.error) setError(describeAlertError(result.error, 'The rule could not be saved. Try again.'));
      else refresh.emit('alerts-changed');
      return !result.error;
    },
    [update, refresh],
  );
  return { save, saving: fetching, error, clearError: () => setError(null) };
}
