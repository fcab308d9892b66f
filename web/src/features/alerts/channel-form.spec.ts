import { describe, expect, it } from 'vitest';
import { channelInput, emptyChannelForm } from './channel-form';

describe('channelInput', () => {
  it('sends only the chosen kind’s fields, trimmed, and leaves empty ones out', () => {
    const result = channelInput({ ...emptyChannelForm, name: ' Ops ', kind: 'WEBHOOK', url: 'https://hooks.example/x ', secret: '', smtpHost: 'ignored' });
    expect(result).toEqual({ input: { name: 'Ops', kind: 'WEBHOOK', enabled: true, url: 'https://hooks.example/x', secret: undefined } });
  });

  it('splits e-mail recipients on commas and spaces and reads the port as a number', () => {
    const result = channelInput({ ...emptyChannelForm, name: 'Mail', kind: 'EMAIL', smtpHost: 'smtp.example', smtpPort: '465', smtpSecure: true, to: 'a@x.test, b@x.test  c@x.test' });
    expect(result).toMatchObject({ input: { smtpHost: 'smtp.example', smtpPort: 465, smtpSecure: true, to: ['a@x.test', 'b@x.test', 'c@x.test'] } });
  });

  it('asks for a name and a numeric port', () => {
    expect(channelInput({ ...emptyChannelForm, name: '  ' })).toEqual({ invalid: 'Give the channel a name.' });
    expect(channelInput({ ...emptyChannelForm, name: 'Mail', kind: 'EMAIL', smtpPort: 'abc' })).toEqual({ invalid: 'The SMTP port must be a whole number.' });
  });
});
