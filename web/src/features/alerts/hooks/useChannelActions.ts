import { useCallback, useState } from 'react';
import { useMutation } from 'urql';
import type { NotificationChannelInput } from '../../../generated/graphql';
import { useLive } from '../../connection/hooks/useLive';
import type { NotificationDelivery } from '../alert';
import { describeAlertError } from '../describe-alert-error';
import { CreateNotificationChannelMutation } from '../graphql/create-notification-channel.mutation';
import { SendTestNotificationMutation } from '../graphql/send-test-notification.mutation';

/** Create a channel; send one a test notification and keep the delivery result per channel. */
export function useChannelActions() {
  const { refresh } = useLive();
  const [{ fetching: creating }, createMutation] = useMutation(CreateNotificationChannelMutation);
  const [, testMutation] = useMutation(SendTestNotificationMutation);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<ReadonlySet<string>>(new Set());
  const [tests, setTests] = useState<Readonly<Record<string, NotificationDelivery | { error: string }>>>({});

  const create = useCallback(
    async (input: NotificationChannelInput): Promise<boolean> => {
      setError(null);
      const result = await createMutation({ input });
      if (result.error) setError(describeAlertError(result.error, 'The channel could not be created. Try again.'));
      else refresh.emit('alerts-changed');
      return !result.error;
    },
    [createMutation, refresh],
  );

  const sendTest = useCallback(
    async (channelId: string) => {
      setTesting((current) => new Set(current).add(channelId));
      const result = await testMutation({ channelId });
      setTesting((current) => {
        const next = new Set(current);
        next.delete(channelId);
        return next;
      });
      const outcome = result.data?.sendTestNotification ?? { error: result.error ? describeAlertError(result.error, 'The test could not be sent.') : 'No answer.' };
      setTests((current) => ({ ...current, [channelId]: outcome }));
      // The test's delivery and its attempts are in the log now.
      refresh.emit('alerts-changed');
    },
    [testMutation, refresh],
  );

  return { create, creating, error, sendTest, testing, tests };
}
