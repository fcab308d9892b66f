import { createContext } from 'react';
import type { LiveClient } from './create-live-client';

export const LiveContext = createContext<Pick<LiveClient, 'status' | 'refresh'> | null>(null);
