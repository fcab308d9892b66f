import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import { useLive } from '../../connection/hooks/useLive';
import { describeAlertError } from '../describe-alert-error';
import { AcknowledgeAlertMutation } from '../graphql/acknowledge-alert.mutation';
import { SilenceAllAlertsMutation } from '../graphql/silence-all-alerts.mutation';
import { SilenceAlertsMutation } from '../graphql/silence-alerts.mutation';
import { UnsilenceAlertsMutation } from '../graphql/unsilence-alerts.mutation';

/**
 * Acknowledge an alert; silence a rule (or every rule) until a time, or end a rule's silence. The answer is the new state; the views that
 * show alerts refetch once for the answer and its pushed transition together.
 */
export function useAlertActions() {
  const { refresh } = useLive();
  const [{ fetching: acknowledging }, acknowledgeMutation] = useMutation(AcknowledgeAlertMutation);
  const [{ fetching: silencing }, silenceMutation] = useMutation(SilenceAlertsMutation);
  const [{ fetching: unsilencing }, unsilenceMutation] = useMutation(UnsilenceAlertsMutation);
  const [{ fetching: silencingAll }, silenceAllMutation] = useMutation(SilenceAllAlertsMutation);
  const [error, setError] = useState<string | null>(null);

  const acknowledge = useCallback(
    async (id: string): Promise<boolean> => {
      setError(null);
      const result = await acknowledgeMutation({ id });
      if (result.error) setError(describeAlertError(result.error, 'The alert could not be acknowledged. Try again.'));
      else refresh.emit('alerts-changed');
      return !result.error;
    },
    [acknowledgeMutation, refresh],
  );

  const silence = useCallback(
    async (ruleId: string, until: string, reason: string): Promise<boolean> => {
      setError(null);
      const result = await silenceMutation({ ruleId, until, reason });
      if (result.error) setError(describeAlertError(result.error, 'The silence could not be set. Try again.'));
      else refresh.emit('alerts-changed');
      return !result.error;
    },
    [silenceMutation, refresh],
  );

  const silenceAll = useCallback(
    async (until: string, reason: string): Promise<boolean> => {
      setError(null);
      const result = await silenceAllMutation({ until, reason });
      if (result.error) setError(describeAlertError(result.error, 'The silence could not be set. Try again.'));
      else refresh.emit('alerts-changed');
      return !result.error;
    },
    [silenceAllMutation, refresh],
  );

  const unsilence = useCallback(
    async (ruleId: string): Promise<boolean> => {
      setError(null);
      const result = await unsilenceMutation({ ruleId });
      if (result.error) setError(describeAlertError(result.error, 'The silence could not be ended. Try again.'));
      else refresh.emit('alerts-changed');
      return !result.error;
    },
    [unsilenceMutation, refresh],
  );

  return { acknowledge, silence, silenceAll, unsilence, busy: acknowledging || silencing || silencingAll || unsilencing, error };
}
