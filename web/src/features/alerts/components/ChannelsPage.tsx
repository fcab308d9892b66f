import { useState } from 'react';
import { ChannelsPanel } from './ChannelsPanel';
import { DeliveriesPanel } from './DeliveriesPanel';

/** Channels (add, test) beside their deliveries: all of them, or one channel's. */
export function ChannelsPage({ now }: { now: number }) {
  const [channelId, setChannelId] = useState<string | null>(null);
  return (
    <div className="dashboard__stack">
      <ChannelsPanel selectedId={channelId} onSelect={setChannelId} />
      <DeliveriesPanel channelId={channelId} now={now} />
    </div>
  );
}
